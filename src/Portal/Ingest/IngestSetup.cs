using Portal.Pipeline;

namespace Portal.Ingest;

/// <summary>Wires the receivers and the write pipeline behind them.</summary>
public static class IngestSetup
{
    public static IServiceCollection AddPortalIngest(this IServiceCollection services)
    {
        services.AddOptions<IngestKeyOptions>().BindConfiguration(IngestKeyOptions.Section);
        services.AddOptions<IngestHttpOptions>().BindConfiguration(IngestKeyOptions.Section);
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IngestKeyValidator>();
        services.AddSingleton<IngestKeyStore>();
        services.AddSingleton<IngestKeyAdmin>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestKeyStore>());
        services.AddIngestRateLimits();
        services.AddSingleton<IngestService>();
        services.AddSingleton<GroupCommitWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter>());
        return services;
    }

    public static IEndpointRouteBuilder MapPortalIngest(this IEndpointRouteBuilder app)
    {
        // Ingest authenticates with API keys, not sign-in cookies; each key has its own rate.
        var ingest = app.MapGroup("").AllowAnonymous().RequireRateLimiting(IngestRateLimits.Policy);
        OtlpHttpEndpoints.Map(ingest);
        OtlpGrpcEndpoints.Map(ingest);
        NativeEndpoints.Map(ingest);
        return app;
    }

    internal static Func<EndpointFilterFactoryContext, EndpointFilterDelegate, EndpointFilterDelegate> RequireKey(string scope) =>
        (context, next) =>
        {
            var services = context.ApplicationServices;
            var filter = new IngestKeyFilter(services.GetRequiredService<IngestKeyValidator>(), services.GetRequiredService<IngestKeyStore>(), scope);
            return invocation => filter.InvokeAsync(invocation, next);
        };
}
