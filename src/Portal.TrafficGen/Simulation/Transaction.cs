namespace Portal.TrafficGen.Simulation;

/// <summary>
/// One business transaction: its spans in call order (a parent always before its children), the log lines written while
/// it ran and the business events it raised. <see cref="TraceId"/> is the platform's global serial number.
/// </summary>
public sealed record Transaction(
    long Serial,
    string TraceId,
    string Scenario,
    string Channel,
    IReadOnlyList<SimSpan> Spans,
    IReadOnlyList<SimLog> Logs,
    IReadOnlyList<SimEvent> Events)
{
    public SimSpan Root => Spans[0];
    public bool Success => Root.Success;
}
