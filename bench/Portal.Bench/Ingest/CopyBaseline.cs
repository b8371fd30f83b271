using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Portal.Core.Records;

namespace Portal.Bench.Ingest;

/// <summary>
/// The store's own speed, for the ratio of issue 3: raw Npgsql binary COPY of the rows the portal would store into the
/// same partitioned, indexed spans table, on as many connections as the portal has writers, in transactions of
/// <see cref="RowsPerTransaction"/> rows. No HTTP, no decoding, no pipeline.
/// </summary>
public static class CopyBaseline
{
    public const int RowsPerTransaction = 10_000;
    public const int Connections = 2;

    /// <returns>rows per second</returns>
    public static async Task<double> RunAsync(string connectionString, IReadOnlyList<SpanRecord> rows)
    {
        var chunks = rows.Chunk(RowsPerTransaction).ToArray();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync();
            int i;
            while ((i = Interlocked.Increment(ref next)) < chunks.Length) await CopyAsync(conn, chunks[i]);
        })));
        return rows.Count / clock.Elapsed.TotalSeconds;
    }

    private static async Task CopyAsync(NpgsqlConnection conn, SpanRecord[] spans)
    {
        await using var tx = await conn.BeginTransactionAsync();
        await using (var copy = await conn.BeginBinaryImportAsync(
                         "COPY spans (start_time, trace_id, span_id, parent_span_id, service, endpoint, instance, kind, duration_us, is_error, " +
                         "status_code, status_message, scenario, attributes, events) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in spans)
            {
                copy.StartRow();
                copy.Write(s.StartTime, NpgsqlDbType.TimestampTz);
                copy.Write(s.TraceId.ToBytes(), NpgsqlDbType.Bytea);
                copy.Write(s.SpanId.ToBytes(), NpgsqlDbType.Bytea);
                WriteNullable(copy, s.ParentSpanId?.ToBytes(), NpgsqlDbType.Bytea);
                copy.Write(s.Service, NpgsqlDbType.Text);
                copy.Write(s.Endpoint, NpgsqlDbType.Text);
                copy.Write(s.Instance, NpgsqlDbType.Text);
                copy.Write((short)s.Kind, NpgsqlDbType.Smallint);
                copy.Write(s.DurationMicros, NpgsqlDbType.Bigint);
                copy.Write(s.IsError, NpgsqlDbType.Boolean);
                WriteNullable(copy, s.StatusCode, NpgsqlDbType.Text);
                WriteNullable(copy, s.StatusMessage, NpgsqlDbType.Text);
                WriteNullable(copy, s.Scenario, NpgsqlDbType.Text);
                WriteNullable(copy, s.AttributesJson, NpgsqlDbType.Json);
                WriteNullable(copy, s.EventsJson, NpgsqlDbType.Json);
            }
            await copy.CompleteAsync();
        }
        await tx.CommitAsync();
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : class
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, type);
    }
}
