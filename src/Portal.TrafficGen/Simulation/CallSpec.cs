namespace Portal.TrafficGen.Simulation;

/// <summary>
/// One node of a scenario's call tree: the callee, its endpoint, its own median latency and the steps it runs in
/// order (a step with several calls runs them in parallel). A call that is not <see cref="Critical"/> may fail without
/// failing its caller; <see cref="Probability"/> below 1 makes the call happen only sometimes.
/// </summary>
public sealed record CallSpec(string Service, string Endpoint, double MedianMs, IReadOnlyList<CallStep> Steps)
{
    public bool Critical { get; init; } = true;
    public double Probability { get; init; } = 1;

    public CallSpec Optional(double probability) => this with { Probability = probability };
    public CallSpec BestEffort() => this with { Critical = false };
}

/// <summary>Calls made together: one call is sequential, several run in parallel.</summary>
public sealed record CallStep(IReadOnlyList<CallSpec> Calls)
{
    public static implicit operator CallStep(CallSpec call) => new([call]);
}
