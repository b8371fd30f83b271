using Npgsql;

namespace Portal.Storage.Writers;

/// <summary>
/// Writes a batch in one transaction with binary COPY straight into the tables. When a record is already stored (a
/// client's retry), the transaction is redone through temporary staging tables with ON CONFLICT DO NOTHING, so retries
/// are idempotent while the common case keeps the speed of a plain COPY.
/// </summary>
public sealed class TelemetryStore
{
    private const string UniqueViolation = "23505";

    public static async Task WriteAsync(NpgsqlConnection conn, TelemetryBatch batch, CancellationToken ct)
    {
        try
        {
            await WriteDirectAsync(conn, batch, ct);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            await WriteDeduplicatedAsync(conn, batch, ct);
        }
    }

    private static async Task WriteDirectAsync(NpgsqlConnection conn, TelemetryBatch batch, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (batch.Spans.Count > 0) await SpanCopy.WriteAsync(conn, "spans", batch.Spans, ct);
        if (batch.Logs.Count > 0) await LogCopy.WriteAsync(conn, "logs", batch.Logs, ct);
        if (batch.Events.Count > 0) await EventCopy.WriteAsync(conn, "events", batch.Events, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task WriteDeduplicatedAsync(NpgsqlConnection conn, TelemetryBatch batch, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (batch.Spans.Count > 0)
        {
            await StageAsync(conn, "spans", ct);
            await SpanCopy.WriteAsync(conn, "spans_stage", batch.Spans, ct);
            await MergeAsync(conn, "spans", SpanCopy.Columns, ct);
        }
        if (batch.Logs.Count > 0)
        {
            await StageAsync(conn, "logs", ct);
            await LogCopy.WriteAsync(conn, "logs_stage", batch.Logs, ct);
            await MergeAsync(conn, "logs", LogCopy.Columns, ct);
        }
        if (batch.Events.Count > 0)
        {
            await StageAsync(conn, "events", ct);
            await EventCopy.WriteAsync(conn, "events_stage", batch.Events, ct);
            await MergeAsync(conn, "events", EventCopy.Columns, ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task StageAsync(NpgsqlConnection conn, string table, CancellationToken ct)
    {
        // Table names are constants of this class, never input.
        await using var cmd = new NpgsqlCommand(
            $"CREATE TEMP TABLE IF NOT EXISTS {table}_stage (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS", conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task MergeAsync(NpgsqlConnection conn, string table, string columns, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}_stage ON CONFLICT DO NOTHING", conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
