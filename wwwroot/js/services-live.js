// Keeps the "Now" columns of a services table current from the live feed's "services" group:
// { services: [{ name, t, count, errors, p95Ms, correction }] } — the newest window of each service.
// The ServicesTable component attaches its table (attach → { dispose }) while the table shows the live range.
import { onLiveMessage, setText } from './dom.js';

export function attach(table) {
  const newest = new Map();
  const apply = tick => {
    if ((newest.get(tick.name) ?? -1) > tick.t) return; // a correction of an older window: the row shows the newest
    newest.set(tick.name, tick.t);
    const row = [...table.querySelectorAll('tr[data-service]')].find(r => r.dataset.service === tick.name);
    if (!row) return;
    const rate = row.querySelector('[data-live-cell="rate"]');
    const p95 = row.querySelector('[data-live-cell="p95"]');
    if (rate) setText(rate, `${tick.count}/s${tick.errors ? ` · ${tick.errors} err` : ''}`);
    if (p95) setText(p95, tick.p95Ms == null ? '—' : `${tick.p95Ms.toFixed(1)} ms`);
  };
  return onLiveMessage((group, update) => {
    if (group !== 'services') return;
    for (const tick of update?.services ?? []) apply(tick);
  });
}
