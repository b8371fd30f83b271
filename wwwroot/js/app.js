// Entry module of every page: the theme toggle, the "/" shortcut to the search box, and the feature
// modules (charts, graphs, live feed), each loaded only when the page has elements for it.
import './theme.js';
import { onReady } from './dom.js';

const features = [
  ['[data-chart]', './charts.js'],
  ['[data-graph]', './graph.js'],
  ['[data-live-groups]', './live.js'],
  ['table.services-table[data-live-groups]', './services-live.js'],
  ['[data-copy]', './copy.js'],
  ['[data-live-events]', './events-live.js'],
  ['[data-flow-url]', './flow.js'],
  ['table[data-scenario-live]', './scenarios-live.js'],
];

onReady(() => {
  for (const [selector, module] of features) {
    if (document.querySelector(selector)) import(module);
  }
});

document.addEventListener('keydown', event => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select'))) return;
  const search = document.querySelector('.topbar input[type="search"]');
  if (search) {
    event.preventDefault();
    search.focus();
    search.select();
  }
});
