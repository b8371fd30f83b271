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
        services.AddSingleton<IngestService>();
        services.AddSingleton<GroupCommitWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter>());
        return services;
    }

    public static IEndpointRouteBuilder MapPortalIngest(this IEndpointRouteBuilder app)
    {
        OtlpHttpEndpoints.Map(app);
        OtlpGrpcEndpoints.Map(app);
        NativeEndpoints.Map(app);
        return app;
    }

    internal static Func<EndpointFilterFactoryContext, EndpointFilterDelegate, EndpointFilterDelegate> RequireKey(string scope) =>
        (context, next) =>
        {
            var filter = new IngestKeyFilter(context.ApplicationServices.GetRequiredService<IngestKeyValidator>(), scope);
            return invocation => filter.InvokeAsync(invocation, next);
        };
}
