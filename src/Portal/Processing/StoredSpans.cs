using Npgsql;
using Portal.Core.Records;

namespace Portal.Processing;

/// <summary>Reads back the stored spans the window engine needs after a restart (only the columns it uses).</summary>
public static class StoredSpans
{
    public static async Task<List<SpanRecord>> ReadSinceAsync(NpgsqlConnection conn, DateTime sinceUtc, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT trace_id, span_id, parent_span_id, service, endpoint, instance, start_time, duration_us, is_error, scenario
            FROM spans WHERE start_time >= @since ORDER BY received_at
            """, conn);
        cmd.Parameters.AddWithValue("since", sinceUtc);
        var spans = new List<SpanRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            spans.Add(new SpanRecord
            {
                TraceId = TraceId.FromBytes(reader.GetFieldValue<byte[]>(0)),
                SpanId = SpanId.FromBytes(reader.GetFieldValue<byte[]>(1)),
                ParentSpanId = reader.IsDBNull(2) ? null : SpanId.FromBytes(reader.GetFieldValue<byte[]>(2)),
                Service = reader.GetString(3),
                Endpoint = reader.GetString(4),
                Instance = reader.GetString(5),
                StartTime = reader.GetDateTime(6),
                DurationMicros = reader.GetInt64(7),
                IsError = reader.GetBoolean(8),
                Scenario = reader.IsDBNull(9) ? null : reader.GetString(9),
            });
        }
        return spans;
    }
}
