namespace Portal.TrafficGen.Simulation;

/// <summary>How a service behaves: base error rate, latency spread, the failures it produces and its code namespace.</summary>
public sealed record ServiceProfile(string Service, string Namespace, double ErrorRate, double Sigma, IReadOnlyList<ErrorSpec> Errors)
{
    public ErrorSpec SystemError => Errors.First(e => e.IsSystem);
}
