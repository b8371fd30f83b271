// The live feed: one SignalR connection to /hubs/live for the page, reconnecting forever with back-off.
//
// Subscribes to the groups listed (space- or comma-separated) in every data-live-groups attribute.
// Hub contract: the client invokes "Subscribe"(groups: string[]) after each (re)connect; the server sends
//   "update"(group: string, update: { points: [{ series, t: epochMs, v: number|null, correction?: boolean }], ... })
// Each update is dispatched as a CustomEvent:
//   "portal:live-update" { group, ...update }  on every element whose data-live-group lists that group (charts.js)
//   "portal:live-message" { group, update }    on document, for anything else on the page
// Connection state goes to the top bar's [data-live-status] and to document as
//   "portal:live-status" { state: "connecting" | "live" | "reconnecting" | "offline" }
// A missing or failing hub only shows "offline"; nothing is thrown.
import { HubConnectionBuilder, LogLevel } from '../lib/signalr.js';
import { onReady } from './dom.js';

const HUB_URL = '/hubs/live';
const MAX_DELAY_MS = 30_000;
const labels = {
  connecting: 'Connecting to live feed…',
  live: 'Live',
  reconnecting: 'Live feed reconnecting…',
  offline: 'Live feed offline',
};

let connection;
let retryTimer = 0;

/** Connects (once per page) and subscribes to the page's groups; returns the connection, or null without groups. */
export function startLive(root = document) {
  if (connection) return connection;
  const groups = groupsIn(root);
  if (groups.length === 0) return null;

  connection = new HubConnectionBuilder()
    .withUrl(HUB_URL)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ({ previousRetryCount }) => backoff(previousRetryCount) })
    // A missing hub is an expected state (shown in the top bar), not console noise.
    .configureLogging(LogLevel.None)
    .build();

  connection.on('update', (group, update) => dispatch(group, update));
  connection.onreconnecting(() => setStatus('reconnecting'));
  connection.onreconnected(() => subscribe(groups));
  // Automatic reconnect gives up only when stopped; a close still gets our own retry loop.
  connection.onclose(() => { if (!retryTimer) retry(groups, 0); });
  retry(groups, 0, true);
  return connection;
}

function groupsIn(root) {
  const groups = new Set();
  root.querySelectorAll('[data-live-groups]').forEach(el => {
    el.getAttribute('data-live-groups').split(/[\s,]+/).filter(Boolean).forEach(g => groups.add(g));
  });
  return [...groups];
}

function backoff(attempt) {
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** attempt) * (0.8 + Math.random() * 0.4);
}

async function retry(groups, attempt, first = false) {
  setStatus(first ? 'connecting' : 'offline');
  try {
    await connection.start();
    await subscribe(groups);
  } catch {
    setStatus('offline');
    // One pending retry at most, whichever path (start failure or close) asked for it.
    if (!retryTimer) retryTimer = setTimeout(() => { retryTimer = 0; retry(groups, attempt + 1); }, backoff(attempt));
  }
}

async function subscribe(groups) {
  try {
    await connection.invoke('Subscribe', groups);
    setStatus('live');
  } catch (error) {
    // Connected but the hub refused: say so once, stay offline until the next reconnect.
    console.warn('Portal: live feed subscription failed', error);
    setStatus('offline');
  }
}

function dispatch(group, update) {
  if (typeof group !== 'string' || typeof update !== 'object' || update === null) return;
  const detail = { ...update, group };
  document.querySelectorAll('[data-live-group]').forEach(el => {
    if (el.getAttribute('data-live-group').split(/[\s,]+/).includes(group)) {
      el.dispatchEvent(new CustomEvent('portal:live-update', { detail }));
    }
  });
  document.dispatchEvent(new CustomEvent('portal:live-message', { detail: { group, update } }));
}

function setStatus(state) {
  const indicator = document.querySelector('[data-live-status]');
  if (indicator) {
    indicator.hidden = false;
    indicator.dataset.state = state;
    const text = indicator.querySelector('[data-live-status-text]') ?? indicator;
    text.textContent = labels[state];
    indicator.title = state === 'offline' ? 'Curves show stored data; they update again when the live feed returns.' : '';
  }
  document.dispatchEvent(new CustomEvent('portal:live-status', { detail: { state } }));
}

onReady(() => startLive());
