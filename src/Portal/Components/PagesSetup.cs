using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Portal.Components.Pages;
using Portal.Components.Ui;
using Portal.Security;

namespace Portal.Components;

/// <summary>
/// Wires the Blazor pages: interactive on the server (a circuit per tab), except the pages marked
/// [ExcludeFromInteractiveRouting], which stay static server-rendered for their cookie and POST-form work.
/// </summary>
public static class PagesSetup
{
    public static IServiceCollection AddPortalPages(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, CircuitRevalidation>();
        services.AddMemoryCache();
        services.AddSingleton<PrerenderHandoff>();
        services.AddTransient<UrlLoads>();
        return services;
    }

    public static WebApplication MapPortalPages(this WebApplication app)
    {
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .Add(endpoint =>
            {
                // The catch-all Not found page answers browsers (GET) only: a POST to a wrong URL, such as a
                // misconfigured exporter, gets a bare 404 rather than a form page's antiforgery error.
                if (endpoint.Metadata.OfType<ComponentTypeMetadata>().Any(m => m.Type == typeof(UnknownRoute)))
                    endpoint.Metadata.Add(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
            });
        return app;
    }
}
