using Microsoft.Extensions.Options;
using Npgsql;

namespace Portal.Storage;

/// <summary>
/// Keeps daily partitions of spans and logs ready ahead of time and drops those past the retention; runs at start-up and
/// then hourly. Dropping a whole partition is instant and leaves no bloat, unlike deleting rows.
/// </summary>
public sealed class PartitionMaintenance(NpgsqlDataSource dataSource, IOptions<DatabaseOptions> options, DatabaseReadiness readiness,
    ILogger<PartitionMaintenance> logger) : BackgroundService
{
    public static async Task EnsurePartitionsAsync(NpgsqlDataSource dataSource, DatabaseOptions options, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT portal_ensure_partitions(@back, @ahead)");
        cmd.Parameters.AddWithValue("back", options.PartitionDaysBack);
        cmd.Parameters.AddWithValue("ahead", options.PartitionDaysAhead);
        await cmd.ExecuteNonQueryAsync(ct);
        await DropExpiredAsync(dataSource, options.RetentionDays, ct);
    }

    private static async Task DropExpiredAsync(NpgsqlDataSource dataSource, int retentionDays, CancellationToken ct)
    {
        var expired = new List<string>();
        await using (var find = dataSource.CreateCommand("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE p.relname IN ('spans', 'logs') AND c.relname ~ '_[0-9]{8}$'
              AND to_date(right(c.relname, 8), 'YYYYMMDD') < current_date - @days
            """))
        {
            find.Parameters.AddWithValue("days", retentionDays);
            await using var reader = await find.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) expired.Add(reader.GetString(0));
        }
        foreach (var table in expired)
        {
            // The name comes from the catalog and matches name_YYYYMMDD; it is quoted as an identifier all the same.
            await using var drop = dataSource.CreateCommand($"DROP TABLE IF EXISTS \"{table.Replace("\"", "\"\"")}\"");
            await drop.ExecuteNonQueryAsync(ct);
        }
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
