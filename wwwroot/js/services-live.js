// Keeps the "Now" columns of a services table current from the live feed's "services" group:
// { services: [{ name, t, count, errors, p95Ms, correction }] } — the newest window of each service.
import { onReady } from './dom.js';

const newest = new Map();

function apply(table, tick) {
  if ((newest.get(tick.name) ?? -1) > tick.t) return; // a correction of an older window: the row shows the newest
  newest.set(tick.name, tick.t);
  const row = [...table.querySelectorAll('tr[data-service]')].find(r => r.dataset.service === tick.name);
  if (!row) return;
  const rate = row.querySelector('[data-live-cell="rate"]');
  const p95 = row.querySelector('[data-live-cell="p95"]');
  if (rate) rate.textContent = `${tick.count}/s${tick.errors ? ` · ${tick.errors} err` : ''}`;
  if (p95) p95.textContent = tick.p95Ms == null ? '—' : `${tick.p95Ms.toFixed(1)} ms`;
}

onReady(() => {
  const tables = document.querySelectorAll('table.services-table[data-live-groups]');
  if (tables.length === 0) return;
  document.addEventListener('portal:live-message', event => {
    if (event.detail?.group !== 'services') return;
    for (const tick of event.detail.update?.services ?? []) tables.forEach(table => apply(table, tick));
  });
});
