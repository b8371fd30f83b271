// Keeps the "now" cells of the scenarios table current from the live feed's scenario groups
// ("scenario:{code}", points of throughput, successRate and p95 per window): each row shows its newest window.
// The Scenarios page attaches its table (attach → { dispose }).
import { onLiveMessage, setText } from './dom.js';

const SERIES = { throughput: v => `${v.toFixed(1)}/s`, successRate: v => `${v.toFixed(1)}%`, p95: v => `${v.toFixed(1)} ms` };

export function attach(table) {
  const newest = new Map();
  return onLiveMessage((group, update) => {
    if (!group.startsWith('scenario:')) return;
    const row = [...table.querySelectorAll('tr[data-live-row]')].find(r => r.dataset.liveRow === group);
    if (!row) return;
    for (const point of update?.points ?? []) {
      const format = SERIES[point.series];
      const key = `${group} ${point.series}`;
      if (!format || (newest.get(key) ?? -1) > point.t) continue; // a correction of an older window: keep the newest
      newest.set(key, point.t);
      const cell = row.querySelector(`[data-live-cell="${point.series}"]`);
      if (cell) setText(cell, point.v == null ? '—' : format(point.v));
    }
  });
}
