// The business link graph as flow: polls the scenario's live figures once a second and animates each edge's dashes at a
// speed proportional to its throughput, with width by volume and colour by health.
//
//   data-flow-url  on a graph element (see graph.js): GET returns
//                  { version, nodes: [{ id, figures, tone, details }], edges: [{ id, label, tone, rate }] }
//
// Polling a small JSON endpoint rather than the hub's edge/endpoint groups: the flow needs a trailing-minute rate that
// falls to zero when calls stop (the hub sends nothing for an empty window), and a scenario may have more nodes and edges
// than one subscription takes. Each applied update increments data-flow-updates on the element. Users who ask for
// reduced motion get the figures without the moving dashes. The Graph component attaches it (attach → { dispose }).
import { mountGraph, unmountGraph } from './graph.js';

const POLL_MS = 1000;
const MAX_SPEED = 90; // pixels per second of the busiest edge
const TONES = ['tone-ok', 'tone-warn', 'tone-error', 'tone-idle'];
const still = window.matchMedia('(prefers-reduced-motion: reduce)');

/** Draws the graph and starts polling and animating; dispose() stops both and destroys the graph. */
export function attach(el) {
  const cy = mountGraph(el);
  const run = { stopped: false, timer: 0, frame: 0 };
  const poll = async () => {
    try {
      const response = await fetch(el.dataset.flowUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (response.ok && !run.stopped) apply(el, cy, await response.json());
    } catch {
      // Offline for a moment: the graph keeps its last figures until the next poll answers.
    }
    if (!run.stopped) run.timer = setTimeout(poll, POLL_MS);
  };
  poll();
  animate(cy, run);
  return {
    dispose() {
      run.stopped = true;
      clearTimeout(run.timer);
      cancelAnimationFrame(run.frame);
      unmountGraph(el);
      delete el.dataset.flowUpdates;
    },
  };
}

function apply(el, cy, flow) {
  const busiest = Math.max(0, ...(flow.edges ?? []).map(e => e.rate));
  cy.batch(() => {
    for (const n of flow.nodes ?? []) {
      const node = cy.getElementById(n.id);
      if (node.empty()) continue;
      node.data('label', `${node.data('label').split('\n')[0]}\n${n.figures}`);
      node.data('details', n.details ?? {});
      setTone(node, n.tone);
    }
    for (const e of flow.edges ?? []) {
      const edge = cy.getElementById(e.id);
      if (edge.empty()) continue;
      edge.data('label', e.label);
      edge.data('rate', e.rate);
      edge.data('width', busiest > 0 ? 1.5 + 6.5 * e.rate / busiest : 1.5);
      edge.scratch('speed', busiest > 0 ? MAX_SPEED * e.rate / busiest : 0);
      setTone(edge, e.tone);
    }
  });
  el.dataset.flowUpdates = String(Number(el.dataset.flowUpdates ?? 0) + 1);
}

function setTone(element, tone) {
  element.removeClass(TONES.join(' '));
  if (TONES.includes(tone)) element.addClass(tone);
}

/** Moves the dashes of every flow edge; an edge's speed is set by apply() (its initial width and rate by the page). */
function animate(cy, run) {
  let last = performance.now();
  const frame = now => {
    if (run.stopped) return;
    const dt = Math.min(0.1, (now - last) / 1000);
    last = now;
    if (!still.matches) {
      cy.batch(() => cy.edges('.flow').forEach(edge => {
        const speed = edge.scratch('speed') ?? 0;
        if (speed <= 0) return;
        const offset = (edge.scratch('offset') ?? 0) - speed * dt;
        edge.scratch('offset', offset % 1000);
        edge.style('line-dash-offset', offset % 1000);
      }));
    }
    run.frame = requestAnimationFrame(frame);
  };
  run.frame = requestAnimationFrame(frame);
}
