using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Delivery;

/// <summary>A record waiting for its delivery moment: exactly one of span, log line or event.</summary>
public readonly record struct Outgoing(DateTime Due, SimSpan? Span, SimLog? Log, SimEvent? Event)
{
    /// <summary>How late the record reaches the portal: delivery moment minus the moment it was complete.</summary>
    public TimeSpan Delay => Due - (Span?.TrueEnd ?? Log?.TrueTime ?? Event!.Time);
}
