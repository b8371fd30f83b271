using Portal.Core.Records;

namespace Portal.Queries;

/// <summary>A span as the query API returns it: ids in hex, times in UTC, durations in microseconds.</summary>
public sealed record SpanDto(
    string TraceId, string SpanId, string? ParentSpanId, string Service, string Endpoint, string Instance, string Kind,
    DateTime StartTime, long DurationMicros, bool IsError, string? StatusCode, string? StatusMessage, string? Scenario,
    string? Attributes, string? Events)
{
    public static SpanDto From(SpanRecord s) => new(
        s.TraceId.ToString(), s.SpanId.ToString(), s.ParentSpanId?.ToString(), s.Service, s.Endpoint, s.Instance, s.Kind.ToString(),
        s.StartTime, s.DurationMicros, s.IsError, s.StatusCode, s.StatusMessage, s.Scenario, s.AttributesJson, s.EventsJson);
}

/// <summary>A log line as the query API returns it.</summary>
public sealed record LogDto(
    long Id, DateTime Time, string Service, string Instance, string Level, string Message, string? TraceId, string? SpanId, string? Attributes)
{
    public static LogDto From(LogRecord l) => new(
        l.Id, l.Time, l.Service, l.Instance, l.Level.ToString(), l.Message, l.TraceId?.ToString(), l.SpanId?.ToString(), l.AttributesJson);
}

/// <summary>A CloudEvent as the query API returns it.</summary>
public sealed record EventDto(string Id, string Source, string Type, DateTime Time, string? Subject, string? DataContentType, string? Data)
{
    public static EventDto From(EventRecord e) => new(e.Id, e.Source, e.Type, e.Time, e.Subject, e.DataContentType, e.DataJson);
}

public sealed record TraceDto(string TraceId, IReadOnlyList<SpanDto> Spans);
