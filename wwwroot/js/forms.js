// Filter forms stay plain GET forms (their field names are the URL's parameters, so links, tests and bookmarks keep
// working). On an interactive page a submit becomes an in-app navigation to the URL the browser would have loaded:
// the page changes in place, and its state stays in the URL.

document.addEventListener('submit', event => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method !== 'get' || event.defaultPrevented) return;
  if (document.body.dataset.render !== 'interactive' || !window.Blazor?.navigateTo) return;
  const url = new URL(form.action, document.baseURI);
  if (url.origin !== window.location.origin) return;
  url.search = new URLSearchParams(new FormData(form, event.submitter)).toString();
  event.preventDefault();
  window.Blazor.navigateTo(url.pathname + url.search);
});
