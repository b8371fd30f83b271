// Design tokens (CSS variables in css/portal.css) as concrete colours, for the canvas-drawing libraries.
// Tokens use light-dark(), so they are resolved through a probe element rather than read as text.

let probe;

export function cssColor(variable) {
  if (!probe) {
    probe = document.createElement('span');
    probe.hidden = true;
    document.body.append(probe);
  }
  probe.style.color = `var(${variable})`;
  return getComputedStyle(probe).color;
}

/** The current theme's colours; call again after a portal:themechange event. */
export function palette() {
  return {
    series: [1, 2, 3, 4, 5, 6, 7, 8].map(i => cssColor(`--chart-${i}`)),
    grid: cssColor('--chart-grid'),
    axis: cssColor('--chart-axis'),
    text: cssColor('--text'),
    muted: cssColor('--text-muted'),
    surface: cssColor('--surface'),
    sunken: cssColor('--surface-sunken'),
    border: cssColor('--border-strong'),
    accent: cssColor('--accent'),
    accentSoft: cssColor('--accent-soft'),
    ok: cssColor('--ok'),
    warn: cssColor('--warn'),
    error: cssColor('--error'),
    errorSoft: cssColor('--error-soft'),
    font: getComputedStyle(document.body).fontFamily,
  };
}

/** Runs fn whenever the colours change: the user's toggle or the OS theme (when no choice is stored). */
export function onThemeChange(fn) {
  document.addEventListener('portal:themechange', fn);
}
