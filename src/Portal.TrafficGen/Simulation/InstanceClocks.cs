namespace Portal.TrafficGen.Simulation;

/// <summary>
/// Each instance's local clock is off by a fixed amount within ±<c>maxSkew</c>, drawn from the seed: records carry
/// local-clock times, so a child can appear to start before its parent, as on the real platform.
/// </summary>
public sealed class InstanceClocks
{
    private readonly Dictionary<string, TimeSpan> _skews;

    public InstanceClocks(int seed, TimeSpan maxSkew)
    {
        var random = new Random(Seeds.Mix(seed, 0x5C3E));
        _skews = BankTopology.AllInstances.ToDictionary(i => i, _ => maxSkew * (random.NextDouble() * 2 - 1));
    }

    public TimeSpan SkewOf(string instance) => _skews[instance];

    public DateTime Local(string instance, DateTime trueUtc) => trueUtc + _skews[instance];
}
