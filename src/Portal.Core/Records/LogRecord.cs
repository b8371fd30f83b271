namespace Portal.Core.Records;

/// <summary>One application log line, optionally linked to the trace and span it was written in.</summary>
public sealed class LogRecord
{
    /// <summary>Assigned by the store; orders lines of one instance that share a timestamp.</summary>
    public long Id { get; init; }
    public required DateTime Time { get; init; }
    public required string Service { get; init; }
    public required string Instance { get; init; }
    public LogLevel Level { get; init; } = LogLevel.Info;
    public required string Message { get; init; }
    public TraceId? TraceId { get; init; }
    public SpanId? SpanId { get; init; }
    public string? AttributesJson { get; init; }
}
