// ECharts on elements marked with data-chart="timeseries" | "gauge" | "sparkline".
//
// Attributes (all JSON is written by Razor, which encodes it safely):
//   data-series       [{"name": "p95", "points": [[epochMs, value|null], ...]}]   (timeseries, sparkline)
//   data-unit         suffix of values, e.g. "ms", "%", "/s"
//   data-y-min, data-y-max   fixed axis bounds (e.g. 0..100 for a success rate)
//   data-bucket-ms    the interval one point stands for (default: spacing of the first points, else 1000)
//   data-select-url   timeseries: URL template opened on a click ({from},{to} ISO UTC; {fromMs},{toMs})
//                     for the clicked point's interval, or on a drag for the selected range
//   data-max-points   points kept per series as live points arrive (default 3600)
//   data-value, data-min, data-max, data-warn, data-error, data-label   (gauge; warn > error means higher is better)
//   data-tone         sparkline colour: ok | warn | error (default: first chart colour)
//   data-live-group   the live group feeding this chart (see live.js); data-live-series limits it to some series
//
// A selection first dispatches a cancelable, bubbling "portal:chart-select" { fromMs, toMs, url }, then navigates.
//
// The Chart component attaches each element after it is rendered (attach → { dispose }), and attaches it again when
// its attributes change; a mounted element carries data-chart-ready.
//
// Live updates arrive as a "portal:live-update" CustomEvent on the element:
//   detail = { group, points: [{ series, t: epochMs, v: number|null, correction?: boolean }] }
// A point with an existing timestamp replaces it (a window's correction); others are inserted in time order.
import * as echarts from '../lib/echarts.js';
import { fillUrl, readJson, readNumber, throttle } from './dom.js';
import { navigate } from './navigation.js';
import { onThemeChange, palette } from './palette.js';

const states = new Map();
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

const builders = { timeseries: timeSeriesOption, gauge: gaugeOption, sparkline: sparklineOption };

/** Mounts one element; returns a handle whose dispose() frees the chart, its observers and listeners. */
export function attach(el) {
  mountChart(el);
  return { dispose: () => unmountChart(el) };
}

function mountChart(el) {
  if (states.has(el)) return;
  const kind = el.dataset.chart;
  if (!(kind in builders)) {
    console.warn(`Portal: unknown data-chart "${kind}"`, el);
    return;
  }
  const state = {
    el,
    kind,
    chart: echarts.init(el, null, { renderer: 'canvas' }),
    series: readSeries(el),
    unit: el.dataset.unit ?? '',
    value: readNumber(el, 'data-value', null),
    onLive: event => applyLive(state, event.detail),
    resize: new ResizeObserver(() => state.chart.resize()),
  };
  state.bucketMs = readNumber(el, 'data-bucket-ms', inferBucket(state.series));
  state.render = throttle(() => { if (states.get(el) === state) render(state); });
  states.set(el, state);
  render(state);
  if (kind === 'timeseries' && el.dataset.selectUrl) enableSelection(state);
  el.addEventListener('portal:live-update', state.onLive);
  state.resize.observe(el);
  el.dataset.chartReady = 'true';
}

function unmountChart(el) {
  const state = states.get(el);
  if (!state) return;
  states.delete(el);
  state.resize.disconnect();
  el.removeEventListener('portal:live-update', state.onLive);
  state.chart.dispose();
  delete el.dataset.chartReady;
}

/** The ECharts instance of a mounted element (tests locate points through it). */
export function chartOf(el) {
  return states.get(el)?.chart ?? null;
}

function seriesOf(state, name) {
  let series = state.series.find(s => s.name === name);
  if (!series) {
    series = { name, points: [] };
    state.series.push(series);
  }
  return series;
}

function readSeries(el) {
  const raw = readJson(el, 'data-series', []);
  if (!Array.isArray(raw)) return [];
  return raw.map(s => ({
    name: String(s?.name ?? ''),
    points: Array.isArray(s?.points) ? s.points.filter(p => Array.isArray(p) && Number.isFinite(p[0])).sort((a, b) => a[0] - b[0]) : [],
  }));
}

function inferBucket(series) {
  const points = series.find(s => s.points.length > 1)?.points;
  return points ? points[1][0] - points[0][0] : 1000;
}

function upsert(points, t, v) {
  // Live points nearly always belong at the end: search from there.
  let i = points.length - 1;
  while (i >= 0 && points[i][0] > t) i--;
  if (i >= 0 && points[i][0] === t) points[i] = [t, v];
  else points.splice(i + 1, 0, [t, v]);
}

function trim(points, max) {
  if (points.length > max) points.splice(0, points.length - max);
}

function applyLive(state, detail) {
  const wanted = state.el.dataset.liveSeries?.split(/[\s,]+/).filter(Boolean);
  for (const point of detail?.points ?? []) {
    if (!Number.isFinite(point?.t) || (wanted && !wanted.includes(point.series))) continue;
    if (state.kind === 'gauge') {
      // A correction of an older window must not move the gauge back in time.
      if (point.t >= (state.valueT ?? -Infinity)) {
        state.value = point.v;
        state.valueT = point.t;
        // A DOM marker of the newest live value: what the gauge shows, readable by tests and assistive tools.
        state.el.dataset.liveValue = String(point.v ?? '');
        state.el.dataset.liveT = String(point.t);
      }
      continue;
    }
    const series = seriesOf(state, point.series);
    upsert(series.points, point.t, point.v);
    trim(series.points, readNumber(state.el, 'data-max-points', 3600));
  }
  state.render();
}

function render(state) {
  const colors = palette();
  state.chart.setOption(builders[state.kind](state, colors), { notMerge: true, lazyUpdate: true });
  if (state.selecting) armBrush(state, colors);
}

// A line joins neighbouring values, so a value between two gaps (a quiet service's only call in an hour) draws nothing:
// such points get a dot, the others none.
function symbolsFor(points) {
  const isolated = new Set();
  points.forEach(([, v], i) => {
    if (v != null && points[i - 1]?.[1] == null && points[i + 1]?.[1] == null) isolated.add(i);
  });
  if (isolated.size === 0) return { showSymbol: false, symbolSize: 6 };
  return { showSymbol: true, showAllSymbol: true, symbolSize: (value, params) => (isolated.has(params.dataIndex) ? 5 : 0) };
}

function formatValue(value, unit) {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : `${number.format(value)}${unit ? ` ${unit}` : ''}`;
}

function timeSeriesOption(state, colors) {
  const multi = state.series.length > 1;
  return {
    animation: false,
    color: colors.series,
    textStyle: { fontFamily: colors.font, fontSize: 11, color: colors.muted },
    grid: { left: 4, right: 12, top: multi ? 30 : 12, bottom: 4, containLabel: true },
    legend: { show: multi, top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 3, textStyle: { color: colors.muted } },
    tooltip: {
      trigger: 'axis',
      backgroundColor: colors.surface,
      borderColor: colors.border,
      textStyle: { color: colors.text, fontSize: 12 },
      axisPointer: { type: 'line', lineStyle: { color: colors.border } },
      formatter: params => tooltipContent(params, state.unit),
    },
    xAxis: {
      type: 'time',
      axisLine: { lineStyle: { color: colors.grid } },
      axisTick: { show: false },
      axisLabel: { color: colors.axis, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: readNumber(state.el, 'data-y-min', undefined),
      max: readNumber(state.el, 'data-y-max', undefined),
      splitNumber: 4,
      splitLine: { lineStyle: { color: colors.grid } },
      axisLabel: { color: colors.axis, formatter: value => `${compact.format(value)}${state.unit ? ` ${state.unit}` : ''}` },
    },
    series: state.series.map((s, index) => ({
      name: s.name,
      type: 'line',
      data: s.points,
      ...symbolsFor(s.points),
      lineStyle: { width: 1.5 },
      areaStyle: multi ? undefined : { opacity: 0.12 },
      emphasis: { disabled: true },
      markLine: index === 0 ? eventMarkers(state, colors) : undefined,
    })),
  };
}

/** Events (deploys, NodeDown) from data-markers='[{t, label}]' as dashed vertical lines on the first series. */
function eventMarkers(state, colors) {
  const markers = readJson(state.el, 'data-markers', []);
  if (!Array.isArray(markers) || markers.length === 0) return undefined;
  return {
    silent: true,
    symbol: 'none',
    animation: false,
    lineStyle: { color: colors.muted, type: 'dashed', width: 1 },
    label: { show: true, position: 'insideEndTop', color: colors.muted, fontSize: 10, formatter: p => String(p.data.label ?? '') },
    data: markers.filter(m => Number.isFinite(m?.t)).map(m => ({ xAxis: m.t, label: String(m.label ?? '') })),
  };
}

/** Tooltip built as DOM with textContent: series names come from telemetry and are never parsed as HTML. */
function tooltipContent(params, unit) {
  const items = Array.isArray(params) ? params : [params];
  const box = document.createElement('div');
  const time = document.createElement('div');
  time.className = 'muted';
  time.textContent = items.length ? new Date(items[0].value[0]).toISOString().replace('T', ' ').replace('.000Z', ' UTC') : '';
  box.append(time);
  for (const item of items) {
    const line = document.createElement('div');
    const swatch = document.createElement('span');
    swatch.className = 'dot';
    swatch.style.background = item.color;
    const text = document.createElement('span');
    text.textContent = ` ${item.seriesName}: ${formatValue(item.value[1], unit)}`;
    line.append(swatch, text);
    box.append(line);
  }
  return box;
}

function gaugeOption(state, colors) {
  const el = state.el;
  const min = readNumber(el, 'data-min', 0);
  const max = readNumber(el, 'data-max', 100);
  const value = state.value;
  return {
    animation: false,
    textStyle: { fontFamily: colors.font },
    series: [{
      type: 'gauge',
      min,
      max,
      startAngle: 215,
      endAngle: -35,
      radius: '92%',
      center: ['50%', '58%'],
      pointer: { show: false },
      progress: { show: value !== null, width: 10, itemStyle: { color: gaugeColor(el, value, colors) } },
      axisLine: { lineStyle: { width: 10, color: [[1, colors.sunken]] } },
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: { show: false },
      anchor: { show: false },
      title: { offsetCenter: [0, '42%'], color: colors.muted, fontSize: 11 },
      detail: { offsetCenter: [0, '0%'], fontSize: 20, fontWeight: 600, color: colors.text, formatter: () => formatValue(value, state.unit) },
      data: [{ value: arcValue(value, min, max), name: el.dataset.label ?? '' }],
    }],
  };
}

// The arc stays inside the scale: a value under the floor (a success rate below 90 %) shows a sliver in its colour, not
// an empty arc that reads as "no data"; the number in the middle is the true value.
function arcValue(value, min, max) {
  if (value === null) return min;
  return Math.min(max, Math.max(min + (max - min) * 0.02, value));
}

/** warn > error: higher is better (success rate); warn < error: lower is better (latency). */
function gaugeColor(el, value, colors) {
  const warn = readNumber(el, 'data-warn', null);
  const error = readNumber(el, 'data-error', null);
  if (value === null || warn === null || error === null) return colors.series[0];
  const worse = warn > error ? (a, b) => a < b : (a, b) => a > b;
  if (worse(value, error)) return colors.error;
  if (worse(value, warn)) return colors.warn;
  return colors.ok;
}

function sparklineOption(state, colors) {
  const tone = state.el.dataset.tone;
  const color = tone in colors ? colors[tone] : colors.series[0];
  return {
    animation: false,
    grid: { left: 1, right: 1, top: 2, bottom: 2 },
    xAxis: { type: 'time', show: false },
    yAxis: { type: 'value', show: false, scale: true },
    tooltip: { show: false },
    series: state.series.slice(0, 1).map(s => ({
      type: 'line',
      data: s.points,
      showSymbol: false,
      lineStyle: { width: 1.25, color },
      areaStyle: { color, opacity: 0.15 },
      emphasis: { disabled: true },
    })),
  };
}

// Selection: a click picks the nearest point's interval, a drag (brush) picks a range; both open data-select-url.
function enableSelection(state) {
  state.selecting = true;
  armBrush(state, palette());
  const { chart } = state;
  chart.getZr().on('click', event => {
    const pixel = [event.offsetX, event.offsetY];
    if (!chart.containPixel('grid', pixel)) return;
    const [time] = chart.convertFromPixel({ gridIndex: 0 }, pixel);
    const nearest = nearestTime(state.series, time);
    if (nearest !== null) select(state, nearest, nearest + state.bucketMs);
  });
  chart.on('brushEnd', event => {
    const range = event.areas?.[0]?.coordRange;
    // A drag narrower than one interval is a click that wobbled: the click handler has it.
    if (range && range[1] - range[0] >= state.bucketMs) select(state, Math.floor(range[0]), Math.ceil(range[1]));
  });
}

function armBrush(state, colors) {
  state.chart.setOption({
    brush: {
      xAxisIndex: 0,
      brushType: 'lineX',
      brushMode: 'single',
      transformable: false,
      removeOnClick: true,
      brushStyle: { color: colors.accentSoft, borderColor: colors.accent, borderWidth: 1 },
    },
  });
  state.chart.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'lineX', brushMode: 'single' } });
}

function nearestTime(series, time) {
  let best = null;
  for (const s of series) {
    for (const [t] of s.points) {
      if (best === null || Math.abs(t - time) < Math.abs(best - time)) best = t;
    }
  }
  return best;
}

function select(state, fromMs, toMs) {
  const url = fillUrl(state.el.dataset.selectUrl, {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    fromMs,
    toMs,
  });
  // Cancelable, so a page can handle the selection itself instead of navigating.
  const event = new CustomEvent('portal:chart-select', { bubbles: true, cancelable: true, detail: { fromMs, toMs, url } });
  if (state.el.dispatchEvent(event)) navigate(url);
}

onThemeChange(() => states.forEach(render));
