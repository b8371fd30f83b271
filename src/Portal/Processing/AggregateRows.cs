using Npgsql;
using NpgsqlTypes;
using Portal.Core.Windowing;

namespace Portal.Processing;

/// <summary>One aggregate to store: a final window or rollup bucket, or a late delta.</summary>
public sealed record AggregateRow(RollupLevel Level, WindowKey Key, DateTime WindowStart, WindowAggregate Aggregate, int Revision = 0);

/// <summary>Writes many aggregates in one statement each (arrays unnested), parameterised.</summary>
public static class AggregateRows
{
    /// <summary>Inserts or replaces rollup rows (a rebuilt or compacted row is the whole truth for its bucket).</summary>
    public static Task UpsertRollupsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<AggregateRow> rows, CancellationToken ct) =>
        ExecuteAsync(conn, tx, rows, """
            INSERT INTO rollups (resolution_s, scope, key, window_start, count, errors, duration_sum_us, duration_min_us, duration_max_us, sketch, revision)
            SELECT * FROM unnest(@res, @scope, @key, @start, @count, @errors, @sum, @min, @max, @sketch, @rev)
            ON CONFLICT (resolution_s, scope, key, window_start) DO UPDATE SET
                count = excluded.count, errors = excluded.errors, duration_sum_us = excluded.duration_sum_us,
                duration_min_us = excluded.duration_min_us, duration_max_us = excluded.duration_max_us,
                sketch = excluded.sketch, revision = excluded.revision
            """, withRevision: true, ct);

    public static Task InsertDeltasAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<AggregateRow> rows, CancellationToken ct) =>
        ExecuteAsync(conn, tx, rows, """
            INSERT INTO rollup_deltas (resolution_s, scope, key, window_start, count, errors, duration_sum_us, duration_min_us, duration_max_us, sketch)
            SELECT * FROM unnest(@res, @scope, @key, @start, @count, @errors, @sum, @min, @max, @sketch)
            """, withRevision: false, ct);

    public static int Seconds(RollupLevel level) => (int)RollupResolution.BucketSize(level).TotalSeconds;

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<AggregateRow> rows, string sql,
        bool withRevision, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter("res", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.Select(r => Seconds(r.Level)).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("scope", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = rows.Select(r => (short)r.Key.Scope).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key.Key).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("start", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rows.Select(r => r.WindowStart).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("count", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Aggregate.Count).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Aggregate.Errors).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("sum", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Aggregate.LatencySumMicros).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("min", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Aggregate.LatencyMinMicros).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("max", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Aggregate.LatencyMaxMicros).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("sketch", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = rows.Select(r => r.Aggregate.Sketch.Serialize()).ToArray() });
        if (withRevision)
        {
            cmd.Parameters.Add(new NpgsqlParameter("rev", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.Select(r => r.Revision).ToArray() });
        }
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
