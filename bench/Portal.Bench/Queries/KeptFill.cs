using Npgsql;
using Portal.Core.Records;

namespace Portal.Bench.Queries;

/// <summary>
/// What a fill of the query benchmark left in a kept cluster (the trace it wrote and the interval it covered), in a table
/// of the filled database, so that a later run measures the same rows without filling again.
/// </summary>
public static class KeptFill
{
    public static async Task<QueryFill.Filled?> FindAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT trace_id, data_from, data_to FROM bench_query_fill", conn);
        await using var create = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS bench_query_fill (trace_id text NOT NULL, data_from timestamptz NOT NULL, data_to timestamptz NOT NULL)", conn);
        await create.ExecuteNonQueryAsync();
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        if (!TraceId.TryParse(reader.GetString(0), out var trace)) throw new InvalidOperationException("bench_query_fill holds no valid trace id");
        return new QueryFill.Filled(trace, reader.GetDateTime(1), reader.GetDateTime(2));
    }

    public static async Task RememberAsync(string connectionString, QueryFill.Filled filled)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("INSERT INTO bench_query_fill (trace_id, data_from, data_to) VALUES (@trace, @from, @to)", conn);
        cmd.Parameters.AddWithValue("trace", filled.Trace.ToString());
        cmd.Parameters.AddWithValue("from", filled.DataFrom);
        cmd.Parameters.AddWithValue("to", filled.DataTo);
        await cmd.ExecuteNonQueryAsync();
    }
}
