namespace Portal.TrafficGen.Simulation;

/// <summary>What an injected fault does to a service.</summary>
public enum FaultKind
{
    /// <summary>Every call of the service takes N times longer (magnitude N, default 5).</summary>
    Slow,

    /// <summary>A share of the service's calls fail with its system error (magnitude 0..1, default 0.5).</summary>
    Fail,
}
