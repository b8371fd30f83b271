using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Core.Windowing;
using Portal.Storage;

namespace Portal.Processing;

/// <summary>
/// Rolls final seconds up into minutes and minutes into hours, folds late deltas into every level that already holds
/// their window, and drops rollups past their retention. One instance at a time (advisory lock); each step commits its
/// rows together with its progress in window_state.
/// </summary>
public sealed class RollupCompactor(
    NpgsqlDataSource dataSource,
    DatabaseReadiness readiness,
    IOptions<WindowingOptions> options,
    TimeProvider clock,
    ILogger<RollupCompactor> logger) : BackgroundService
{
    private const long AdvisoryLockKey = 0x506F7274616C02;
    /// <summary>Deltas younger than this wait, so that a burst of late records is folded in one go.</summary>
    private static readonly TimeSpan DeltaSettle = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CompactionInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!readiness.IsMigrated) continue;
                try
                {
                    await CompactAsync(stoppingToken);
                }
                catch (NpgsqlException e)
                {
                    logger.LogWarning("Rollup compaction failed; retrying at the next interval: {Error}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>One full pass; public so that tests and benchmarks can run it at a chosen moment.</summary>
    public async Task CompactAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({AdvisoryLockKey})", conn, tx))
        {
            if (await lockCmd.ExecuteScalarAsync(ct) is not true) return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var state = await WindowState.ReadAsync(conn, tx, now, ct);

        var minutesUntil = RollupResolution.Floor(state.FinalHorizon, RollupLevel.Minute);
        if (minutesUntil > state.MinutesCompactedUntil)
        {
            await RollUpAsync(conn, tx, RollupLevel.Second, RollupLevel.Minute, state.MinutesCompactedUntil, minutesUntil, ct);
            state = state with { MinutesCompactedUntil = minutesUntil };
        }
        var hoursUntil = RollupResolution.Floor(state.MinutesCompactedUntil, RollupLevel.Hour);
        if (hoursUntil > state.HoursCompactedUntil)
        {
            await RollUpAsync(conn, tx, RollupLevel.Minute, RollupLevel.Hour, state.HoursCompactedUntil, hoursUntil, ct);
            state = state with { HoursCompactedUntil = hoursUntil };
        }
        await FoldDeltasAsync(conn, tx, state, now - DeltaSettle, ct);
        await DropExpiredAsync(conn, tx, now, ct);
        await state.WriteAsync(conn, tx, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task RollUpAsync(NpgsqlConnection conn, NpgsqlTransaction tx, RollupLevel from, RollupLevel to,
        DateTime startUtc, DateTime endUtc, CancellationToken ct)
    {
        var rows = await StoredAggregates.RollupsAsync(conn, tx, from, startUtc, endUtc, StoredAggregates.Filter.Everything, ct);
        var merged = new Dictionary<(WindowKey, DateTime), WindowAggregate>();
        foreach (var row in rows)
        {
            var bucket = (row.Key, RollupResolution.Floor(row.WindowStart, to));
            if (merged.TryGetValue(bucket, out var aggregate)) aggregate.Merge(row.Aggregate);
            else merged[bucket] = row.Aggregate.Clone();
        }
        await AggregateRows.UpsertRollupsAsync(conn, tx,
            merged.Select(m => new AggregateRow(to, m.Key.Item1, m.Key.Item2, m.Value)).ToList(), ct);
    }

    /// <summary>Merges settled deltas into their second and, where already compacted, minute and hour rows; then deletes them.</summary>
    private static async Task FoldDeltasAsync(NpgsqlConnection conn, NpgsqlTransaction tx, WindowState state, DateTime settledBefore, CancellationToken ct)
    {
        var ids = new List<long>();
        var deltas = new List<StoredAggregates.Row>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT id, scope, key, window_start, count, errors, duration_sum_us, duration_min_us, duration_max_us, sketch
            FROM rollup_deltas WHERE created_at < @settled ORDER BY id LIMIT 50000
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("settled", settledBefore);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetInt64(0));
                deltas.Add(StoredAggregates.ReadRow(reader, 1));
            }
        }
        if (ids.Count == 0) return;

        foreach (var level in new[] { RollupLevel.Second, RollupLevel.Minute, RollupLevel.Hour })
        {
            var compactedUntil = level switch
            {
                RollupLevel.Second => DateTime.MaxValue,
                RollupLevel.Minute => state.MinutesCompactedUntil,
                _ => state.HoursCompactedUntil,
            };
            var targets = new Dictionary<(WindowKey, DateTime), WindowAggregate>();
            foreach (var delta in deltas.Where(d => d.WindowStart < compactedUntil))
            {
                var bucket = (delta.Key, RollupResolution.Floor(delta.WindowStart, level));
                if (targets.TryGetValue(bucket, out var aggregate)) aggregate.Merge(delta.Aggregate);
                else targets[bucket] = delta.Aggregate.Clone();
            }
            if (targets.Count == 0) continue;
            var existing = await ExistingAsync(conn, tx, level, targets.Keys, ct);
            var rows = targets.Select(t =>
            {
                if (existing.TryGetValue(t.Key, out var stored)) t.Value.Merge(stored);
                return new AggregateRow(level, t.Key.Item1, t.Key.Item2, t.Value);
            }).ToList();
            await AggregateRows.UpsertRollupsAsync(conn, tx, rows, ct);
        }

        await using var delete = new NpgsqlCommand("DELETE FROM rollup_deltas WHERE id = ANY(@ids)", conn, tx);
        delete.Parameters.AddWithValue("ids", ids.ToArray());
        await delete.ExecuteNonQueryAsync(ct);
    }

    private static async Task<Dictionary<(WindowKey, DateTime), WindowAggregate>> ExistingAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        RollupLevel level, IEnumerable<(WindowKey Key, DateTime Start)> buckets, CancellationToken ct)
    {
        var list = buckets.ToList();
        var found = new Dictionary<(WindowKey, DateTime), WindowAggregate>();
        await using var cmd = new NpgsqlCommand("""
            SELECT r.scope, r.key, r.window_start, r.count, r.errors, r.duration_sum_us, r.duration_min_us, r.duration_max_us, r.sketch
            FROM rollups r JOIN unnest(@scope, @key, @start) AS b(scope, key, window_start)
              ON r.scope = b.scope AND r.key = b.key AND r.window_start = b.window_start
            WHERE r.resolution_s = @res
            """, conn, tx);
        cmd.Parameters.AddWithValue("res", AggregateRows.Seconds(level));
        cmd.Parameters.AddWithValue("scope", list.Select(b => (short)b.Key.Scope).ToArray());
        cmd.Parameters.AddWithValue("key", list.Select(b => b.Key.Key).ToArray());
        cmd.Parameters.AddWithValue("start", list.Select(b => b.Start).ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = StoredAggregates.ReadRow(reader, 0);
            found[(row.Key, row.WindowStart)] = row.Aggregate;
        }
        return found;
    }

    private async Task DropExpiredAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DateTime now, CancellationToken ct)
    {
        var o = options.Value;
        await using var cmd = new NpgsqlCommand("""
            DELETE FROM rollups WHERE (resolution_s = 1 AND window_start < @s) OR (resolution_s = 60 AND window_start < @m)
                                   OR (resolution_s = 3600 AND window_start < @h)
            """, conn, tx);
        cmd.Parameters.AddWithValue("s", now - o.SecondRetention);
        cmd.Parameters.AddWithValue("m", now - o.MinuteRetention);
        cmd.Parameters.AddWithValue("h", now - o.HourRetention);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
