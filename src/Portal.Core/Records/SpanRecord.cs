namespace Portal.Core.Records;

/// <summary>
/// One call record (a span): who handled which interface, when by its own clock, for how long, and with what result.
/// OTLP spans and the platform SDK's native call records both map onto it.
/// </summary>
public sealed class SpanRecord
{
    public required TraceId TraceId { get; init; }
    public required SpanId SpanId { get; init; }
    /// <summary>The caller's span id; null for a root span.</summary>
    public SpanId? ParentSpanId { get; init; }
    public required string Service { get; init; }
    /// <summary>The interface (endpoint or operation) that was called.</summary>
    public required string Endpoint { get; init; }
    /// <summary>The host or instance that handled the call.</summary>
    public required string Instance { get; init; }
    public SpanKind Kind { get; init; }
    /// <summary>Start of the call in UTC, as the instance's own clock reported it.</summary>
    public required DateTime StartTime { get; init; }
    public required long DurationMicros { get; init; }
    public bool IsError { get; init; }
    /// <summary>The result code (an error code, an HTTP status, "OK").</summary>
    public string? StatusCode { get; init; }
    public string? StatusMessage { get; init; }
    /// <summary>The business scenario code (e.g. a transfer), when known.</summary>
    public string? Scenario { get; init; }
    /// <summary>Attributes as a JSON object, or null.</summary>
    public string? AttributesJson { get; init; }
    /// <summary>Span events (exceptions, annotations) and links as a JSON array, or null.</summary>
    public string? EventsJson { get; init; }

    public DateTime EndTime => StartTime.AddTicks(DurationMicros * 10);
}
