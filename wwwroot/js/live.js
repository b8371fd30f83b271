// The live feed: one SignalR connection to /hubs/live per tab, reconnecting forever with back-off.
//
// Components subscribe with attach("group another-group") → { dispose }; the feed counts subscribers per group,
// subscribes a group on the hub when its first subscriber comes and unsubscribes it when its last goes, and closes the
// connection a few seconds after the last subscription (an in-app navigation often subscribes again at once).
// Hub contract: "Subscribe"(groups: string[]) and "Unsubscribe"(groups) (at most 50 names a call); the server sends
//   "update"(group: string, update: { points: [{ series, t: epochMs, v: number|null, correction?: boolean }], ... })
// Each update is dispatched as a CustomEvent:
//   "portal:live-update" { group, ...update }  on every element whose data-live-group lists that group (charts.js)
//   "portal:live-message" { group, update }    on document, for anything else on the page
// Connection state goes to the top bar's [data-live-status] and to document as
//   "portal:live-status" { state: "connecting" | "live" | "reconnecting" | "offline" }
// A missing or failing hub only shows "offline"; nothing is thrown.
import { HubConnectionBuilder, LogLevel } from '../lib/signalr.js';
import { setText } from './dom.js';

const HUB_URL = '/hubs/live';
const MAX_DELAY_MS = 30_000;
const IDLE_CLOSE_MS = 5_000;
const MAX_GROUPS_PER_CALL = 50;
const labels = {
  connecting: 'Connecting to live feed…',
  live: 'Live',
  reconnecting: 'Live feed reconnecting…',
  offline: 'Live feed offline',
};

const subscribers = new Map(); // group → number of attached subscriptions
let connection = null;
let state = null;
let retryTimer = 0;
let idleTimer = 0;

/** Subscribes to space- or comma-separated groups; dispose() drops the subscription. */
export function attach(groups) {
  const names = [...new Set(String(groups ?? '').split(/[\s,]+/).filter(Boolean))];
  clearTimeout(idleTimer);
  const added = names.filter(group => {
    const count = subscribers.get(group) ?? 0;
    subscribers.set(group, count + 1);
    return count === 0;
  });
  if (!connection) open();
  else if (state === 'live') invoke('Subscribe', added);
  setStatus(state);
  let disposed = false;
  return {
    dispose() {
      if (disposed) return;
      disposed = true;
      const removed = names.filter(group => {
        const count = subscribers.get(group) - 1;
        if (count > 0) subscribers.set(group, count);
        else subscribers.delete(group);
        return count <= 0;
      });
      if (state === 'live') invoke('Unsubscribe', removed);
      if (subscribers.size === 0) idleTimer = setTimeout(close, IDLE_CLOSE_MS);
    },
  };
}

function open() {
  const opened = new HubConnectionBuilder()
    .withUrl(HUB_URL)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ({ previousRetryCount }) => backoff(previousRetryCount) })
    // A missing hub is an expected state (shown in the top bar), not console noise.
    .configureLogging(LogLevel.None)
    .build();
  connection = opened;
  opened.on('update', (group, update) => dispatch(group, update));
  opened.onreconnecting(() => setStatus('reconnecting'));
  opened.onreconnected(() => subscribeAll());
  // Automatic reconnect gives up only when stopped; a close still gets our own retry loop, unless we closed it.
  opened.onclose(() => { if (connection === opened && !retryTimer) retry(0); });
  retry(0, true);
}

function close() {
  if (subscribers.size > 0 || !connection) return;
  const closing = connection;
  connection = null;
  clearTimeout(retryTimer);
  retryTimer = 0;
  closing.stop();
  setStatus(null);
}

function backoff(attempt) {
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** attempt) * (0.8 + Math.random() * 0.4);
}

async function retry(attempt, first = false) {
  const current = connection;
  setStatus(first ? 'connecting' : 'offline');
  try {
    await current.start();
    await subscribeAll();
  } catch {
    if (connection !== current) return;
    setStatus('offline');
    // One pending retry at most, whichever path (start failure or close) asked for it.
    if (!retryTimer) retryTimer = setTimeout(() => { retryTimer = 0; if (connection === current) retry(attempt + 1); }, backoff(attempt));
  }
}

async function subscribeAll() {
  try {
    await invoke('Subscribe', [...subscribers.keys()], true);
    setStatus('live');
  } catch (error) {
    // Connected but the hub refused: say so once, stay offline until the next reconnect.
    console.warn('Portal: live feed subscription failed', error);
    setStatus('offline');
  }
}

/** Sends groups in calls of at most 50 names; a failure is thrown only when asked (the first subscription). */
async function invoke(method, groups, rethrow = false) {
  try {
    for (let i = 0; i < groups.length; i += MAX_GROUPS_PER_CALL) {
      await connection?.invoke(method, groups.slice(i, i + MAX_GROUPS_PER_CALL));
    }
  } catch (error) {
    if (rethrow) throw error;
    console.warn(`Portal: live feed ${method} failed`, error);
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

/** Shows the state in the top bar (hidden without a connection); called again on attach, as the bar may be new. */
function setStatus(next) {
  state = next;
  const indicator = document.querySelector('[data-live-status]');
  if (indicator) {
    indicator.hidden = next === null;
    if (next !== null) {
      indicator.dataset.state = next;
      setText(indicator.querySelector('[data-live-status-text]') ?? indicator, labels[next]);
      indicator.title = next === 'offline' ? 'Curves show stored data; they update again when the live feed returns.' : '';
    }
  }
  if (next !== null) document.dispatchEvent(new CustomEvent('portal:live-status', { detail: { state: next } }));
}
