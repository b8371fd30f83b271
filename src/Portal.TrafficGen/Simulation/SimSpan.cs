namespace Portal.TrafficGen.Simulation;

/// <summary>
/// One call record of the simulated platform. <see cref="TrueStart"/> is the real moment of the call;
/// <see cref="ReportedStart"/> is what the instance's skewed local clock wrote down, which is what gets sent.
/// </summary>
public sealed record SimSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Service,
    string Endpoint,
    string Instance,
    SimSpanKind Kind,
    DateTime TrueStart,
    DateTime ReportedStart,
    double DurationMs,
    string ResultCode,
    bool Success,
    string? Message,
    string? Scenario,
    IReadOnlyList<KeyValuePair<string, object>> Attributes)
{
    public DateTime TrueEnd => TrueStart + TimeSpan.FromMilliseconds(DurationMs);
}
