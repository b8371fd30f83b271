using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Storage;

namespace Portal.Hosting;

/// <summary>/healthz: the process is alive. /readyz: the database answers and its migrations are applied.</summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddPortalHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [ReadyTag])
            .AddDbContextCheck<PortalDbContext>("database", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapPortalHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }

    private sealed class MigrationsAppliedCheck(DatabaseReadiness readiness) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(readiness.IsMigrated
                ? HealthCheckResult.Healthy("Migrations applied.")
                : HealthCheckResult.Unhealthy("Migrations not applied yet."));
    }
}
