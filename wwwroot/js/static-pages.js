// Pages rendered statically (<body data-render="static">: sign-in, admin forms, topology review) have no component to
// attach their charts and graphs: this attaches them after the page loads and after every enhanced navigation
// (Blazor patches the document without a reload), and disposes the ones a navigation removed or changed.
// Interactive pages attach their own through components.

const features = [
  ['[data-chart]', 'data-chart', './charts.js'],
  ['[data-graph]', 'data-graph', './graph.js'],
];
const attached = new Map(); // element → { handle, source }

export async function attachStatic() {
  for (const [el, { handle, source, attribute }] of attached) {
    if (!el.isConnected || el.getAttribute(attribute) !== source || document.body.dataset.render !== 'static') {
      handle.dispose();
      attached.delete(el);
    }
  }
  if (document.body.dataset.render !== 'static') return;
  for (const [selector, attribute, path] of features) {
    const found = [...document.querySelectorAll(selector)].filter(el => !attached.has(el));
    if (found.length === 0) continue;
    const module = await import(path);
    for (const el of found) attached.set(el, { handle: module.attach(el), source: el.getAttribute(attribute), attribute });
  }
}
