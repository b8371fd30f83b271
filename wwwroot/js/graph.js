// Call-chain and topology graphs: Cytoscape with ELK's layered layout, callers above callees.
//
//   data-graph     {"nodes": [{"id", "label", "error"?, "critical"?, "classes"?: [..], "details"?: {"key": "value"},
//                              "url"?, "x"?, "y"?}],
//                   "edges": [{"source", "target", "label"?, "error"?, "critical"?, "classes"?: [..], "width"?}]}
//   data-node-url  optional URL template opened on a node click; {id} is the node's id (a node's own "url" wins)
//   data-direction optional ELK direction: DOWN (default) or RIGHT
//   data-layout    "preset" to place nodes at their x/y instead of running ELK
//
// Classes: "error" draws a node or edge red (where a transaction failed), "critical" highlights the critical path;
// topology review: "added" (green), "removed" (red, dashed), "sporadic" (dashed, faint); scenario dashboards:
// "figures" (a second label line), "tone-ok|warn|error|idle" (health colour), "flow" (dashed line that flow.js animates).
// Hovering a node shows its label and details in a text-only tooltip.
// The Graph component attaches each element after it is rendered (attach → { dispose }) and again when its data changes.
// Once laid out, the element carries data-graph-ready, data-node-count, data-edge-count and data-error-nodes (the red
// nodes), for tests and for anything on the page that reacts to the drawn chain.
import cytoscape from '../lib/graph.js';
import { fillUrl, hideTip, readJson, showTip } from './dom.js';
import { navigate } from './navigation.js';
import { onThemeChange, palette } from './palette.js';

const graphs = new Map();

/** Mounts one element; returns a handle whose dispose() destroys the graph and its observer. */
export function attach(el) {
  mountGraph(el);
  return { dispose: () => unmountGraph(el) };
}

/** Mounts one element; returns its Cytoscape instance (the existing one if already mounted). */
export function mountGraph(el) {
  if (graphs.has(el)) return graphs.get(el);
  const data = readJson(el, 'data-graph', { nodes: [], edges: [] });
  const cy = cytoscape({
    container: el,
    elements: toElements(data),
    style: graphStyle(palette()),
    layout: layoutOptions(el),
    minZoom: 0.2,
    maxZoom: 3,
    boxSelectionEnabled: false,
    autoungrabify: true,
  });
  cy.on('mouseover', 'node', event => {
    const node = event.target;
    const { clientX, clientY } = event.originalEvent;
    showTip(clientX, clientY, node.data('label'), node.data('details'));
  });
  cy.on('mouseout', 'node', hideTip);
  cy.on('viewport', hideTip);
  const template = el.dataset.nodeUrl;
  cy.on('tap', 'node', event => {
    const url = event.target.data('url') || (template && fillUrl(template, { id: event.target.id() }));
    if (url) navigate(url);
  });
  if (template) el.classList.add('graph--linked');
  const resize = new ResizeObserver(() => cy.resize());
  resize.observe(el);
  cy.scratch('resize', resize);
  graphs.set(el, cy);
  return cy;
}

export function unmountGraph(el) {
  const cy = graphs.get(el);
  if (!cy) return;
  graphs.delete(el);
  cy.scratch('resize').disconnect();
  cy.destroy();
  hideTip();
  for (const key of ['graphReady', 'nodeCount', 'edgeCount', 'errorNodes']) delete el.dataset[key];
}

/** The Cytoscape instance of a mounted graph element, or undefined. */
export function graphOf(el) {
  return graphs.get(el);
}

function markDrawn(el, cy) {
  el.dataset.nodeCount = String(cy.nodes().length);
  el.dataset.edgeCount = String(cy.edges().length);
  el.dataset.errorNodes = String(cy.nodes('.error').length);
  el.dataset.graphReady = 'true';
}

function toElements({ nodes = [], edges = [] }) {
  const classesOf = item => [item.error && 'error', item.critical && 'critical', ...(item.classes ?? [])].filter(Boolean);
  return [
    ...nodes.map(node => ({
      group: 'nodes',
      data: { id: String(node.id), label: String(node.label ?? node.id), details: node.details ?? {}, url: node.url ?? '' },
      classes: classesOf(node),
      ...(Number.isFinite(node.x) && Number.isFinite(node.y) ? { position: { x: node.x, y: node.y } } : {}),
    })),
    ...edges.map((edge, i) => ({
      group: 'edges',
      data: {
        id: String(edge.id ?? `e${i}`), source: String(edge.source), target: String(edge.target), label: String(edge.label ?? ''),
        width: Number.isFinite(edge.width) ? edge.width : 1.25,
      },
      classes: classesOf(edge),
    })),
  ];
}

function layoutOptions(el) {
  if (el.dataset.layout === 'preset') {
    return { name: 'preset', fit: true, padding: 24, stop: ({ cy }) => { if (cy.zoom() > 1) { cy.zoom(1); cy.center(); } markDrawn(el, cy); } };
  }
  return {
    name: 'elk',
    fit: true,
    padding: 24,
    // A small chain fitted to a large box would be drawn huge: keep it at natural size.
    stop: ({ cy }) => {
      if (cy.zoom() > 1) {
        cy.zoom(1);
        cy.center();
      }
      markDrawn(el, cy);
    },
    nodeDimensionsIncludeLabels: true,
    elk: {
      algorithm: 'layered',
      'elk.direction': el.dataset.direction === 'RIGHT' ? 'RIGHT' : 'DOWN',
      'elk.spacing.nodeNode': 28,
      'elk.layered.spacing.nodeNodeBetweenLayers': 44,
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
  };
}

function graphStyle(c) {
  return [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        width: node => Math.max(72, node.data('label').length * 7 + 24),
        height: 30,
        'background-color': c.surface,
        'border-width': 1,
        'border-color': c.border,
        label: 'data(label)',
        color: c.text,
        'font-family': c.font,
        'font-size': 12,
        'text-valign': 'center',
        'text-halign': 'center',
        'text-max-width': 220,
        'text-wrap': 'ellipsis',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'curve-style': 'bezier',
        'line-color': c.axis,
        'target-arrow-color': c.axis,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        label: 'data(label)',
        'font-family': c.font,
        'font-size': 10,
        color: c.muted,
        'text-background-color': c.sunken,
        'text-background-opacity': 1,
        'text-background-padding': 2,
      },
    },
    { selector: 'node.critical', style: { 'border-width': 2, 'border-color': c.accent } },
    { selector: 'edge.critical', style: { width: 2.5, 'line-color': c.accent, 'target-arrow-color': c.accent } },
    { selector: 'node.error', style: { 'background-color': c.errorSoft, 'border-color': c.error, 'border-width': 2, color: c.error } },
    { selector: 'edge.error', style: { 'line-color': c.error, 'target-arrow-color': c.error, 'line-style': 'dashed' } },
    { selector: 'node.figures', style: { height: 44, 'text-wrap': 'wrap', width: node => Math.max(...node.data('label').split('\n').map(l => l.length)) * 7 + 28 } },
    { selector: '.sporadic', style: { 'line-style': 'dashed', 'border-style': 'dashed', opacity: 0.6 } },
    { selector: 'node.added', style: { 'border-color': c.ok, 'border-width': 2, color: c.ok } },
    { selector: 'edge.added', style: { 'line-color': c.ok, 'target-arrow-color': c.ok, width: 2.5 } },
    { selector: 'node.removed', style: { 'border-color': c.error, 'border-width': 2, 'border-style': 'dashed', color: c.error } },
    { selector: 'edge.removed', style: { 'line-color': c.error, 'target-arrow-color': c.error, 'line-style': 'dashed', width: 2.5 } },
    { selector: 'edge.flow', style: { 'line-style': 'dashed', 'line-dash-pattern': [10, 6] } },
    { selector: 'node.tone-ok', style: { 'border-color': c.ok, 'border-width': 2 } },
    { selector: 'node.tone-warn', style: { 'border-color': c.warn, 'border-width': 2 } },
    { selector: 'node.tone-error', style: { 'border-color': c.error, 'border-width': 2, 'background-color': c.errorSoft } },
    { selector: 'edge.tone-ok', style: { 'line-color': c.ok, 'target-arrow-color': c.ok } },
    { selector: 'edge.tone-warn', style: { 'line-color': c.warn, 'target-arrow-color': c.warn } },
    { selector: 'edge.tone-error', style: { 'line-color': c.error, 'target-arrow-color': c.error } },
    { selector: 'node:active, node:selected', style: { 'overlay-color': c.accent, 'overlay-opacity': 0.12 } },
  ];
}

onThemeChange(() => graphs.forEach(cy => cy.style(graphStyle(palette()))));
