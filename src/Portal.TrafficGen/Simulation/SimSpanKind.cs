namespace Portal.TrafficGen.Simulation;

/// <summary>Server: recorded by the callee. Client: recorded by the bank's outbound adapter for an external system.</summary>
public enum SimSpanKind
{
    Server,
    Client,
}
