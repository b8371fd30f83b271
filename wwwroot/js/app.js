// Entry module of every page: the theme toggle, copy buttons, GET filter forms as in-app navigation, the "/" shortcut
// to the search box, the reconnect panel's reload button, and the charts and graphs of statically rendered pages.
// Interactive pages attach their charts, graphs and live feed through components (see Components/Interop).
import './theme.js';
import './copy.js';
import './forms.js';
import { onReady } from './dom.js';
import { attachStatic } from './static-pages.js';

onReady(() => {
  attachStatic();
  window.Blazor?.addEventListener('enhancedload', attachStatic);
});

document.addEventListener('click', event => {
  if (event.target instanceof Element && event.target.closest('[data-reload]')) window.location.reload();
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
