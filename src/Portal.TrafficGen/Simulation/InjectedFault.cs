namespace Portal.TrafficGen.Simulation;

/// <summary>A fault active for calls of <see cref="Service"/> that start in [<see cref="From"/>, <see cref="Until"/>).</summary>
public sealed record InjectedFault(string Service, FaultKind Kind, double Magnitude, DateTime From, DateTime Until)
{
    public bool IsActive(string service, DateTime at) => service == Service && at >= From && at < Until;
}
