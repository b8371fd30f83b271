using Npgsql;

namespace Portal.Tests.Reliability;

/// <summary>What the database holds, read directly: how often each id is stored, and per-second counts of spans and windows.</summary>
public static class StoredRecords
{
    public static Task<Dictionary<string, long>> SpanCountsAsync(string connectionString, string service) =>
        CountsAsync<string>(connectionString, "SELECT encode(span_id, 'hex'), count(*) FROM spans WHERE service = @k GROUP BY 1", service);

    public static Task<Dictionary<string, long>> LogCountsAsync(string connectionString, string service) =>
        CountsAsync<string>(connectionString, "SELECT message, count(*) FROM logs WHERE service = @k GROUP BY 1", service);

    public static Task<Dictionary<string, long>> EventCountsAsync(string connectionString, string source) =>
        CountsAsync<string>(connectionString, "SELECT id, count(*) FROM events WHERE source = @k GROUP BY 1", source);

    public static Task<Dictionary<DateTime, long>> SpansPerSecondAsync(string connectionString, string service) =>
        CountsAsync<DateTime>(connectionString,
            "SELECT date_trunc('second', start_time), count(*) FROM spans WHERE service = @k GROUP BY 1", service);

    /// <summary>Per-second counts of the service's windows: final rollups plus late deltas not yet folded in, read in one snapshot.</summary>
    public static Task<Dictionary<DateTime, long>> WindowsPerSecondAsync(string connectionString, string service) =>
        CountsAsync<DateTime>(connectionString, """
            SELECT window_start, sum(count)::bigint FROM (
                SELECT window_start, count FROM rollups WHERE resolution_s = 1 AND scope = 1 AND key = @k
                UNION ALL
                SELECT window_start, count FROM rollup_deltas WHERE resolution_s = 1 AND scope = 1 AND key = @k) w
            GROUP BY 1
            """, service);

    /// <summary>Every value of a one-column query, e.g. the distinct trace ids of a table.</summary>
    public static async Task<HashSet<string>> ValuesAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        var values = new HashSet<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    /// <summary>Acknowledged ids that are not stored exactly once.</summary>
    public static List<string> NotExactlyOnce(IEnumerable<string> acknowledged, Dictionary<string, long> stored) =>
        acknowledged.Where(id => stored.GetValueOrDefault(id) != 1).ToList();

    private static async Task<Dictionary<TKey, long>> CountsAsync<TKey>(string connectionString, string sql, string key) where TKey : notnull
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("k", key);
        var counts = new Dictionary<TKey, long>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetFieldValue<TKey>(0)] = reader.GetInt64(1);
        return counts;
    }
}
