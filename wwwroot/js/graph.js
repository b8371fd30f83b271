// Call-chain and topology graphs: Cytoscape with ELK's layered layout, callers above callees.
//
//   data-graph     {"nodes": [{"id", "label", "error"?, "critical"?, "classes"?: [..], "details"?: {"key": "value"}}],
//                   "edges": [{"source", "target", "label"?, "error"?, "critical"?}]}
//   data-node-url  optional URL template opened on a node click; {id} is the node's id
//   data-direction optional ELK direction: DOWN (default) or RIGHT
//
// Classes: "error" draws a node or edge red (where a transaction failed), "critical" highlights the critical path.
// Hovering a node shows its label and details in a text-only tooltip.
// Once laid out, the element carries data-graph-ready, data-node-count and data-error-nodes (the red nodes), for tests
// and for anything on the page that reacts to the drawn chain.
import cytoscape from '../lib/graph.js';
import { fillUrl, hideTip, onReady, readJson, showTip } from './dom.js';
import { onThemeChange, palette } from './palette.js';

const graphs = new Map();

/** Mounts every graph under root that is not mounted yet. */
export function mountGraphs(root = document) {
  root.querySelectorAll('[data-graph]').forEach(mountGraph);
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
  if (template) {
    cy.on('tap', 'node', event => window.location.assign(fillUrl(template, { id: event.target.id() })));
    el.classList.add('graph--linked');
  }
  new ResizeObserver(() => cy.resize()).observe(el);
  graphs.set(el, cy);
  return cy;
}

/** The Cytoscape instance of a mounted graph element, or undefined. */
export function graphOf(el) {
  return graphs.get(el);
}

function markDrawn(el, cy) {
  el.dataset.nodeCount = String(cy.nodes().length);
  el.dataset.errorNodes = String(cy.nodes('.error').length);
  el.dataset.graphReady = 'true';
}

/** Replaces a mounted graph's elements (e.g. after a time-filter change) and lays it out again. */
export function setGraph(el, data) {
  const cy = mountGraph(el);
  cy.elements().remove();
  cy.add(toElements(data));
  cy.layout(layoutOptions(el)).run();
}

function toElements({ nodes = [], edges = [] }) {
  const classesOf = item => [item.error && 'error', item.critical && 'critical', ...(item.classes ?? [])].filter(Boolean);
  return [
    ...nodes.map(node => ({
      group: 'nodes',
      data: { id: String(node.id), label: String(node.label ?? node.id), details: node.details ?? {} },
      classes: classesOf(node),
    })),
    ...edges.map((edge, i) => ({
      group: 'edges',
      data: { id: String(edge.id ?? `e${i}`), source: String(edge.source), target: String(edge.target), label: String(edge.label ?? '') },
      classes: classesOf(edge),
    })),
  ];
}

function layoutOptions(el) {
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
        width: 1.25,
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
    { selector: 'node:active, node:selected', style: { 'overlay-color': c.accent, 'overlay-opacity': 0.12 } },
  ];
}

onThemeChange(() => graphs.forEach(cy => cy.style(graphStyle(palette()))));
onReady(() => mountGraphs());
