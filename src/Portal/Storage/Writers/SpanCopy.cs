using Npgsql;
using NpgsqlTypes;
using Portal.Core.Records;

namespace Portal.Storage.Writers;

/// <summary>Binary COPY of spans: the bulk path of ingestion.</summary>
internal static class SpanCopy
{
    public const string Columns =
        "start_time, trace_id, span_id, parent_span_id, service, endpoint, instance, kind, duration_us, is_error, " +
        "status_code, status_message, scenario, attributes, events";

    public static async Task WriteAsync(NpgsqlConnection conn, string table, IReadOnlyList<SpanRecord> spans, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync($"COPY {table} ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var s in spans)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(s.StartTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(s.TraceId.ToBytes(), NpgsqlDbType.Bytea, ct);
            await copy.WriteAsync(s.SpanId.ToBytes(), NpgsqlDbType.Bytea, ct);
            await WriteNullableAsync(copy, s.ParentSpanId?.ToBytes(), NpgsqlDbType.Bytea, ct);
            await copy.WriteAsync(s.Service, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(s.Endpoint, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(s.Instance, NpgsqlDbType.Text, ct);
            await copy.WriteAsync((short)s.Kind, NpgsqlDbType.Smallint, ct);
            await copy.WriteAsync(s.DurationMicros, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(s.IsError, NpgsqlDbType.Boolean, ct);
            await WriteNullableAsync(copy, s.StatusCode, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(copy, s.StatusMessage, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(copy, s.Scenario, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(copy, s.AttributesJson, NpgsqlDbType.Json, ct);
            await WriteNullableAsync(copy, s.EventsJson, NpgsqlDbType.Json, ct);
        }
        await copy.CompleteAsync(ct);
    }

    internal static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : class =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
}
