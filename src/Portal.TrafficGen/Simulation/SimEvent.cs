namespace Portal.TrafficGen.Simulation;

/// <summary>A CloudEvent: a business event (TransferCompleted) or a system event (Deployment, NodeDown, NodeUp).</summary>
public sealed record SimEvent(string Id, string Source, string Type, DateTime Time, string? Subject, string DataJson);
