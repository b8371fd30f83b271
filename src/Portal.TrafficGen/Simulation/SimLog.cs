namespace Portal.TrafficGen.Simulation;

/// <summary>One application log line; <see cref="Time"/> is on the instance's skewed clock, <see cref="TrueTime"/> is real.</summary>
public sealed record SimLog(
    DateTime TrueTime,
    DateTime Time,
    string Service,
    string Instance,
    SimLogLevel Level,
    string Message,
    string? TraceId,
    string? SpanId,
    IReadOnlyList<KeyValuePair<string, object>> Attributes);
