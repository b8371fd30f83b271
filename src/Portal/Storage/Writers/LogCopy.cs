using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Portal.Core.Records;

namespace Portal.Storage.Writers;

/// <summary>Binary COPY of log lines, each with the hash of its content that makes a retried batch idempotent.</summary>
internal static class LogCopy
{
    public const string Columns = "time, record_hash, service, instance, level, message, trace_id, span_id, attributes";

    public static async Task WriteAsync(NpgsqlConnection conn, string table, IReadOnlyList<LogRecord> logs, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync($"COPY {table} ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var l in logs)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(l.Time, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(ContentHash(l), NpgsqlDbType.Bytea, ct);
            await copy.WriteAsync(l.Service, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(l.Instance, NpgsqlDbType.Text, ct);
            await copy.WriteAsync((short)l.Level, NpgsqlDbType.Smallint, ct);
            await copy.WriteAsync(l.Message, NpgsqlDbType.Text, ct);
            await copy.WriteNullableAsync(l.TraceId?.ToBytes(), NpgsqlDbType.Bytea, ct);
            await copy.WriteNullableAsync(l.SpanId?.ToBytes(), NpgsqlDbType.Bytea, ct);
            await copy.WriteNullableAsync(l.AttributesJson, NpgsqlDbType.Jsonb, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>16 bytes of SHA-256 over everything that makes a line what it is.</summary>
    public static byte[] ContentHash(LogRecord l)
    {
        var text = $"{l.Time.Ticks}\u001f{l.Service}\u001f{l.Instance}\u001f{(short)l.Level}\u001f{l.TraceId}\u001f{l.SpanId}\u001f{l.AttributesJson}\u001f{l.Message}";
        return SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];
    }
}
