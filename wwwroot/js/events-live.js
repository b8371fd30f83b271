// Prepends live events to the events table: <tbody data-live-events data-filter-type data-filter-source>, a body of its
// own that Blazor renders empty, so the rows added here never meet the rows Blazor renders.
// Listens for live.js's "portal:live-message" with group "events" and payload { events: [{ id, source, type, time, subject }] }.
// Rows are built with textContent only (event fields are sender-controlled); at most MAX_ROWS rows are kept.
// The Events page attaches the body (attach → { dispose }) while the list shows the newest events.
import { onLiveMessage } from './dom.js';

const MAX_ROWS = 500;

export function attach(body) {
  const type = body.dataset.filterType || null;
  const source = body.dataset.filterSource || null;
  const subscription = onLiveMessage((group, update) => {
    if (group !== 'events' || !Array.isArray(update?.events)) return;
    for (const item of update.events) {
      if (!item || (type && item.type !== type) || (source && item.source !== source)) continue;
      body.prepend(row(item));
    }
    while (body.rows.length > MAX_ROWS) body.deleteRow(-1);
  });
  return {
    dispose() {
      subscription.dispose();
      body.replaceChildren();
    },
  };
}

function row(item) {
  const tr = document.createElement('tr');
  tr.className = 'events__live-row';
  const time = Number.isFinite(Date.parse(item.time)) ? new Date(item.time).toISOString().replace('T', ' ').replace('Z', '') : String(item.time ?? '');
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.textContent = String(item.type ?? '');
  const data = document.createElement('span');
  data.className = 'faint';
  data.textContent = 'live';
  tr.append(cell(time, 'mono nowrap'), cell(badge), cell(String(item.source ?? ''), 'mono'), cell(String(item.subject ?? '')), cell(data));
  return tr;
}

function cell(content, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  if (typeof content === 'string') td.textContent = content;
  else td.append(content);
  return td;
}
