namespace Portal.TrafficGen.Delivery;

/// <summary>
/// Delivery delays as seed 004 describes them: most records 0..3 s late (log-normal around 300 ms, capped), a small
/// share abnormally late, spread evenly up to about a minute.
/// </summary>
public sealed class DelaySampler(TimeSpan normalMax, double lateShare, TimeSpan lateMax)
{
    public TimeSpan Next(Random random)
    {
        if (random.NextDouble() < lateShare)
            return normalMax + (lateMax - normalMax) * random.NextDouble();
        var ms = Simulation.RandomExtensions.LogNormal(random, 300, 0.9);
        return TimeSpan.FromMilliseconds(Math.Min(ms, normalMax.TotalMilliseconds));
    }
}
