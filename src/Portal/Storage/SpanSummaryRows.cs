using Npgsql;
using Portal.Core.Records;

namespace Portal.Storage;

/// <summary>
/// The span columns read back for processing (the window engine's rebuild, topology inference): ids, names, time,
/// duration, outcome and scenario; not attributes or events.
/// </summary>
public static class SpanSummaryRows
{
    private static readonly string[] Names =
        ["trace_id", "span_id", "parent_span_id", "service", "endpoint", "instance", "start_time", "duration_us", "is_error", "scenario"];

    /// <summary>The select list, its columns qualified with <paramref name="alias"/> when one is given.</summary>
    public static string Columns(string? alias = null) => string.Join(", ", Names.Select(n => alias is null ? n : $"{alias}.{n}"));

    /// <summary>The current row of a reader whose first columns are <see cref="Columns"/>.</summary>
    public static SpanRecord Read(NpgsqlDataReader reader) => new()
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
    };
}
