using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;

namespace Portal.Components;

public partial class App
{
    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    /// <summary>
    /// The theme the user picked, mirrored into a cookie by js/theme.js so the first paint is right
    /// without an inline script; none means "follow the operating system".
    /// </summary>
    private string? Theme => HttpContext?.Request.Cookies[ThemeCookie.Name] is { } value && ThemeCookie.IsValid(value) ? value : null;

    /// <summary>Interactive unless the page is marked [ExcludeFromInteractiveRouting] (sign-in, password, admin forms).</summary>
    private IComponentRenderMode? PageRenderMode =>
        HttpContext?.AcceptsInteractiveRouting() == true ? RenderMode.InteractiveServer : null;
}
