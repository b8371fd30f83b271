using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Portal.TrafficGen;

namespace Portal.Demo;

/// <summary>Runs the traffic generator against this portal's own ingest endpoint once the server listens.</summary>
public sealed class DemoTrafficService(
    DemoSettings settings, DemoFaults faults, IServer server, IHostApplicationLifetime lifetime, ILogger<DemoTrafficService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal));
        if (address is null)
        {
            logger.LogWarning("Demo traffic not started: the portal has no http:// address to send to.");
            return;
        }
        logger.LogInformation("Demo mode: simulated bank traffic at {Rate} transactions/s to {Address}.", settings.Rate, address);
        await using var demo = DemoTraffic.Create(new DemoTrafficOptions(new Uri(address), settings.ApiKey) { Rate = settings.Rate });
        faults.Attach(demo.Generator, settings.Rate);
        try
        {
            await demo.RunAsync(stoppingToken);
        }
        finally
        {
            faults.Detach();
        }
    }
}
