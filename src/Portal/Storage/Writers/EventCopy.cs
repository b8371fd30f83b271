using Npgsql;
using Portal.Core.Records;

namespace Portal.Storage.Writers;

/// <summary>Binary COPY of CloudEvents.</summary>
internal static class EventCopy
{
    public const string Columns = "source, id, type, time, subject, data_content_type, data";

    public static Task WriteAsync(NpgsqlConnection conn, string table, IReadOnlyList<EventRecord> events, CancellationToken ct) =>
        BinaryCopy.WriteAsync(conn, table, Columns, events, Encode, ct);

    private static void Encode(EventRecord e, BinaryCopyRows rows)
    {
        rows.Text(e.Source);
        rows.Text(e.Id);
        rows.Text(e.Type);
        rows.Timestamp(e.Time);
        rows.Text(e.Subject);
        rows.Text(e.DataContentType);
        rows.Jsonb(e.DataJson);
    }
}
