// In-app navigation for links that scripts open (a curve point, a graph node): through Blazor, so an interactive page
// changes without a full page load; a plain page load where Blazor is absent.

export function navigate(url) {
  if (window.Blazor?.navigateTo) window.Blazor.navigateTo(url);
  else window.location.assign(url);
}
