using Npgsql;
using NpgsqlTypes;
using Portal.Core.Records;

namespace Portal.Storage.Writers;

/// <summary>Binary COPY of CloudEvents.</summary>
internal static class EventCopy
{
    public const string Columns = "source, id, type, time, subject, data_content_type, data";

    public static async Task WriteAsync(NpgsqlConnection conn, string table, IReadOnlyList<EventRecord> events, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync($"COPY {table} ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var e in events)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(e.Source, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(e.Id, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(e.Type, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(e.Time, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteNullableAsync(e.Subject, NpgsqlDbType.Text, ct);
            await copy.WriteNullableAsync(e.DataContentType, NpgsqlDbType.Text, ct);
            await copy.WriteNullableAsync(e.DataJson, NpgsqlDbType.Jsonb, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
