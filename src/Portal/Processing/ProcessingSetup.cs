using Portal.Core.Windowing;
using Portal.Live;
using Portal.Pipeline;
using Portal.Queries;

namespace Portal.Processing;

/// <summary>Wires the processors behind the pipeline (windowing, rollups) and the live feed in front of the browsers.</summary>
public static class ProcessingSetup
{
    public static IServiceCollection AddPortalProcessing(this IServiceCollection services)
    {
        services.AddOptions<WindowingOptions>().BindConfiguration(WindowingOptions.Section);
        services.AddOptions<WindowEngineOptions>().BindConfiguration(WindowingOptions.Section);
        services.AddSingleton<LiveWindowCache>();
        services.AddSingleton<LiveSubscribers>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<WindowProcessor>();
        services.AddSingleton<RollupCompactor>();
        services.AddSingleton<ITelemetryProcessor>(sp => sp.GetRequiredService<WindowProcessor>());
        services.AddSingleton<ITelemetryProcessor>(sp => sp.GetRequiredService<LiveFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<WindowProcessor>());
        services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<RollupCompactor>());
        services.AddSingleton<SeriesQueries>();
        services.AddSignalR();
        return services;
    }

    public static IEndpointRouteBuilder MapPortalLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>(LiveHub.Path);
        return app;
    }
}
