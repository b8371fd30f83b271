using Portal.Components.Layout;

namespace Portal.Scenarios;

/// <summary>Wires business scenarios: the store, the inference job, the review badge, the figures and the JSON endpoints.</summary>
public static class ScenarioSetup
{
    public static IServiceCollection AddPortalScenarios(this IServiceCollection services)
    {
        services.AddOptions<ScenarioOptions>().BindConfiguration(ScenarioOptions.Section);
        services.AddSingleton<TopologyStore>();
        services.AddSingleton<TopologyPublisher>();
        services.AddSingleton<ScenarioFigures>();
        services.AddSingleton<INavBadgeSource, PendingTopologyBadge>();
        services.AddSingleton<TopologyInferenceJob>();
        services.AddHostedService(sp => sp.GetRequiredService<TopologyInferenceJob>());
        return services;
    }

    public static IEndpointRouteBuilder MapPortalScenarios(this IEndpointRouteBuilder app) => app.MapScenarioEndpoints();
}
