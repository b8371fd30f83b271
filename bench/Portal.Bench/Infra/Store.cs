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

    /// <summary>Empties the spans table and lets the next run start from the same state (a CHECKPOINT flushes the last run's writes).</summary>
    public static Task TruncateSpansAsync(string connectionString) => ExecuteAsync(connectionString, "TRUNCATE spans; CHECKPOINT");
}
