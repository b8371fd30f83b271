using Microsoft.Extensions.Options;
using Npgsql;

namespace Portal.Storage;

/// <summary>Keeps daily partitions of spans and logs ready ahead of time; runs at start-up and then hourly.</summary>
public sealed class PartitionMaintenance(NpgsqlDataSource dataSource, IOptions<DatabaseOptions> options, DatabaseReadiness readiness,
    ILogger<PartitionMaintenance> logger) : BackgroundService
{
    public static async Task EnsurePartitionsAsync(NpgsqlDataSource dataSource, DatabaseOptions options, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT portal_ensure_partitions(@back, @ahead)");
        cmd.Parameters.AddWithValue("back", options.PartitionDaysBack);
        cmd.Parameters.AddWithValue("ahead", options.PartitionDaysAhead);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await TickAsync(timer, stoppingToken))
        {
            if (!readiness.IsMigrated) continue;
            try
            {
                await EnsurePartitionsAsync(dataSource, options.Value, stoppingToken);
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning(e, "Could not prepare partitions; will try again in an hour.");
            }
        }
    }

    // Stopping is the normal end of the loop, also when the host stops because its start failed.
    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
