using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Portal.Core.Records;

namespace Portal.Storage.Writers;

/// <summary>Binary COPY of log lines, each with the hash of its content that makes a retried batch idempotent.</summary>
internal static class LogCopy
{
    public const string Columns = "time, record_hash, service, instance, level, message, trace_id, span_id, attributes";

    public static Task WriteAsync(NpgsqlConnection conn, string table, IReadOnlyList<LogRecord> logs, CancellationToken ct) =>
        BinaryCopy.WriteAsync(conn, table, Columns, logs, Encode, ct);

    private static void Encode(LogRecord l, BinaryCopyRows rows)
    {
        rows.Timestamp(l.Time);
        rows.Bytes(ContentHash(l));
        rows.Text(l.Service);
        rows.Text(l.Instance);
        rows.Int16((short)l.Level);
        rows.Text(l.Message);
        if (l.TraceId is { } traceId) rows.Bytes16(traceId.High, traceId.Low);
        else rows.Null();
        if (l.SpanId is { } spanId) rows.Bytes8(spanId.Value);
        else rows.Null();
        rows.Jsonb(l.AttributesJson);
    }

    /// <summary>16 bytes of SHA-256 over everything that makes a line what it is.</summary>
    public static byte[] ContentHash(LogRecord l)
    {
        var text = $"{l.Time.Ticks}\u001f{l.Service}\u001f{l.Instance}\u001f{(short)l.Level}\u001f{l.TraceId}\u001f{l.SpanId}\u001f{l.AttributesJson}\u001f{l.Message}";
        return SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];
    }
}
