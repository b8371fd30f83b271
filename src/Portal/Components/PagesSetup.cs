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
        // Unknown URLs get the Not found page, but only for browsers: APIs keep their bare status codes.
        app.UseWhen(
            context => HttpMethods.IsGet(context.Request.Method) && AcceptsHtml(context.Request),
            browser => browser.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.MapRazorComponents<App>();
        return app;
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(value => value?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
