using Npgsql;
using Portal.Core.Records;

namespace Portal.Storage.Writers;

/// <summary>Binary COPY of spans: the bulk path of ingestion.</summary>
internal static class SpanCopy
{
    public const string Columns =
        "start_time, trace_id, span_id, parent_span_id, service, endpoint, instance, kind, duration_us, is_error, " +
        "status_code, status_message, scenario, attributes, events";

    private const short FieldCount = 15;
    /// <summary>The fixed-size fields with their length words: start, trace id, span id, parent, kind, duration, error.</summary>
    private const int FixedFieldBytes = 12 + 20 + 12 + 12 + 6 + 12 + 5;

    public static Task WriteAsync(NpgsqlConnection conn, string table, IReadOnlyList<SpanRecord> spans, CancellationToken ct) =>
        BinaryCopy.WriteAsync(conn, table, Columns, spans, Encode, ct);

    private static void Encode(SpanRecord s, BinaryCopyRows rows)
    {
        rows.StartRow(FieldCount, FixedFieldBytes +
            BinaryCopyRows.TextBound(s.Service) + BinaryCopyRows.TextBound(s.Endpoint) + BinaryCopyRows.TextBound(s.Instance) +
            BinaryCopyRows.TextBound(s.StatusCode) + BinaryCopyRows.TextBound(s.StatusMessage) + BinaryCopyRows.TextBound(s.Scenario) +
            BinaryCopyRows.TextBound(s.AttributesJson) + BinaryCopyRows.TextBound(s.EventsJson));
        rows.Timestamp(s.StartTime);
        rows.Bytes16(s.TraceId.High, s.TraceId.Low);
        rows.Bytes8(s.SpanId.Value);
        if (s.ParentSpanId is { } parent) rows.Bytes8(parent.Value);
        else rows.Null();
        rows.Text(s.Service);
        rows.Text(s.Endpoint);
        rows.Text(s.Instance);
        rows.Int16((short)s.Kind);
        rows.Int64(s.DurationMicros);
        rows.Boolean(s.IsError);
        rows.Text(s.StatusCode);
        rows.Text(s.StatusMessage);
        rows.Text(s.Scenario);
        rows.Text(s.AttributesJson);
        rows.Text(s.EventsJson);
    }
}
