using Npgsql;
using Portal.Core.Records;

namespace Portal.Storage.Writers;

/// <summary>Binary COPY of spans: the bulk path of ingestion.</summary>
internal static class SpanCopy
{
    public const string Columns =
        "start_time, trace_id, span_id, parent_span_id, service, endpoint, instance, kind, duration_us, is_error, " +
        "status_code, status_message, scenario, attributes, events";

    public static Task WriteAsync(NpgsqlConnection conn, string table, IReadOnlyList<SpanRecord> spans, CancellationToken ct) =>
        BinaryCopy.WriteAsync(conn, table, Columns, spans, Encode, ct);

    private static void Encode(SpanRecord s, BinaryCopyRows rows)
    {
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
