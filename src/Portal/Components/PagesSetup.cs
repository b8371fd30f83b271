namespace Portal.Components;

/// <summary>Wires the Blazor pages: rendered on the server (static SSR); live parts are JS modules over SignalR.</summary>
public static class PagesSetup
{
    public static IServiceCollection AddPortalPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        return services;
    }

    public static WebApplication MapPortalPages(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        return app;
    }
}
