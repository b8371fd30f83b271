using Npgsql;
using Portal.Core.Windowing;

namespace Portal.Processing;

/// <summary>Reads stored rollups and late deltas back into aggregates.</summary>
public static class StoredAggregates
{
    public sealed record Row(WindowKey Key, DateTime WindowStart, WindowAggregate Aggregate);

    private const string Columns = "scope, key, window_start, count, errors, duration_sum_us, duration_min_us, duration_max_us, sketch";

    /// <summary>Which rows to read: one key, every key of one scope, or everything.</summary>
    public readonly record struct Filter(WindowKey? Key = null, WindowScope? Scope = null)
    {
        public static Filter Everything => new();
        public static implicit operator Filter(WindowKey key) => new(Key: key);
        public static implicit operator Filter(WindowScope scope) => new(Scope: scope);
    }

    /// <summary>Rollups of one level in [from, to).</summary>
    public static Task<List<Row>> RollupsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, RollupLevel level, DateTime fromUtc, DateTime toUtc,
        Filter filter, CancellationToken ct) =>
        ReadAsync(conn, tx, "rollups", level, fromUtc, toUtc, filter, ct);

    /// <summary>Late deltas (stored at the second level) in [from, to).</summary>
    public static Task<List<Row>> DeltasAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, DateTime fromUtc, DateTime toUtc, Filter filter,
        CancellationToken ct) =>
        ReadAsync(conn, tx, "rollup_deltas", RollupLevel.Second, fromUtc, toUtc, filter, ct);

    /// <summary>
    /// Reads one aggregate row whose columns, from <paramref name="first"/> on, are scope, key, window_start, count, errors,
    /// duration sum/min/max and sketch (the order of <see cref="Columns"/>).
    /// </summary>
    public static Row ReadRow(NpgsqlDataReader reader, int first) => new(
        new WindowKey((WindowScope)reader.GetInt16(first), reader.GetString(first + 1)),
        reader.GetDateTime(first + 2),
        WindowAggregate.FromColumns(reader.GetInt64(first + 3), reader.GetInt64(first + 4), reader.GetInt64(first + 5), reader.GetInt64(first + 6),
            reader.GetInt64(first + 7), reader.GetFieldValue<byte[]>(first + 8)));

    private static async Task<List<Row>> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string table, RollupLevel level,
        DateTime fromUtc, DateTime toUtc, Filter filter, CancellationToken ct)
    {
        var rows = new List<Row>();
        if (toUtc <= fromUtc) return rows;
        // The table name is one of two constants above; every value is a parameter.
        var sql = $"SELECT {Columns} FROM {table} WHERE resolution_s = @res AND window_start >= @from AND window_start < @to" +
                  (filter.Key is not null ? " AND scope = @scope AND key = @key" : filter.Scope is not null ? " AND scope = @scope" : "");
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.AddWithValue("res", AggregateRows.Seconds(level));
        cmd.Parameters.AddWithValue("from", fromUtc);
        cmd.Parameters.AddWithValue("to", toUtc);
        if (filter.Key is { } k)
        {
            cmd.Parameters.AddWithValue("scope", (short)k.Scope);
            cmd.Parameters.AddWithValue("key", k.Key);
        }
        else if (filter.Scope is { } scope)
        {
            cmd.Parameters.AddWithValue("scope", (short)scope);
        }
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(ReadRow(reader, 0));
        }
        return rows;
    }
}
