using Npgsql;

namespace Portal.Bench.Infra;

/// <summary>Small SQL helpers on a benchmark database.</summary>
public static class Store
{
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        return Convert.ToInt64(await cmd.ExecuteScalarAsync() ?? 0L);
    }

    /// <summary>
    /// Empties the spans table and lets the next run start from the same state (a CHECKPOINT flushes the last run's writes).
    /// It first waits until no span arrives for half a second: requests of the previous run still being committed would
    /// otherwise land after the truncation and collide with the next run's rows.
    /// </summary>
    public static async Task TruncateSpansAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        long previous = -1;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM spans", conn);
            var now = (long)(await count.ExecuteScalarAsync())!;
            if (now == previous) break;
            previous = now;
            await Task.Delay(500);
        }
        await ExecuteAsync(connectionString, "TRUNCATE spans; CHECKPOINT");
    }
}
