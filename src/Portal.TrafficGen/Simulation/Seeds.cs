namespace Portal.TrafficGen.Simulation;

/// <summary>Derives independent, repeatable seeds (one per transaction, per schedule) from the run's seed.</summary>
public static class Seeds
{
    public static int Mix(int seed, long salt)
    {
        // SplitMix64 finaliser: neighbouring salts give unrelated seeds.
        var z = (ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)salt;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}
