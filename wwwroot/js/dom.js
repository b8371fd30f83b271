// Small helpers shared by the page modules.

/** Runs fn once the document is parsed (module scripts may run before or after DOMContentLoaded). */
export function onReady(fn) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn, { once: true });
  else fn();
}

/** Changes the text node Blazor rendered rather than replacing it, so Blazor's later renders still find their node. */
export function setText(el, text) {
  if (el.childNodes.length === 1 && el.firstChild.nodeType === Node.TEXT_NODE) el.firstChild.nodeValue = text;
  else el.textContent = text;
}

/** Parses a JSON data attribute; a malformed one is reported and replaced by the fallback, never thrown. */
export function readJson(el, attribute, fallback) {
  const text = el.getAttribute(attribute);
  if (text === null || text === '') return fallback;
  try {
    return JSON.parse(text);
  } catch (error) {
    console.warn(`Portal: ignoring malformed ${attribute} on`, el, error);
    return fallback;
  }
}

/** Reads a numeric data attribute; missing or non-numeric gives the fallback. */
export function readNumber(el, attribute, fallback) {
  const value = Number.parseFloat(el.getAttribute(attribute) ?? '');
  return Number.isFinite(value) ? value : fallback;
}

/** Fills {name} placeholders of a URL template with URL-encoded values. */
export function fillUrl(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, name) =>
    name in values ? encodeURIComponent(String(values[name])) : match);
}

/**
 * Calls handler(group, update) for every "portal:live-message" live.js dispatches, until dispose() of the returned
 * object: the page modules' one way to hear the live feed's groups that no chart draws.
 */
export function onLiveMessage(handler) {
  const listener = event => {
    const { group, update } = event.detail ?? {};
    if (typeof group === 'string') handler(group, update);
  };
  document.addEventListener('portal:live-message', listener);
  return { dispose: () => document.removeEventListener('portal:live-message', listener) };
}

/** Calls fn at most once per `ms`, always with the latest state (trailing edge): live floods stay cheap. */
export function throttle(fn, ms = 100) {
  let timer = 0;
  return () => {
    if (timer) return;
    timer = setTimeout(() => { timer = 0; fn(); }, ms);
  };
}

/** The floating tooltip panel shared by charts and graphs; filled with text only. */
let tip;
export function floatingTip() {
  if (!tip) {
    tip = document.createElement('div');
    tip.className = 'float-tip';
    tip.hidden = true;
    tip.setAttribute('role', 'tooltip');
    document.body.append(tip);
  }
  return tip;
}

/** Shows the tooltip near (x, y) with a title and key/value lines, all set as textContent. */
export function showTip(x, y, title, details = {}) {
  const panel = floatingTip();
  const heading = document.createElement('strong');
  heading.textContent = title;
  const list = document.createElement('dl');
  for (const [key, value] of Object.entries(details)) {
    const dt = document.createElement('dt');
    dt.textContent = key;
    const dd = document.createElement('dd');
    dd.textContent = String(value);
    list.append(dt, dd);
  }
  panel.replaceChildren(heading, ...(list.childElementCount ? [list] : []));
  panel.hidden = false;
  const { innerWidth, innerHeight } = window;
  const rect = panel.getBoundingClientRect();
  panel.style.left = `${Math.min(x + 14, innerWidth - rect.width - 8)}px`;
  panel.style.top = `${Math.min(y + 14, innerHeight - rect.height - 8)}px`;
}

export function hideTip() {
  if (tip) tip.hidden = true;
}
