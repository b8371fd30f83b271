namespace Portal.Core.Topology;

/// <summary>The Wilson score interval for a binomial proportion.</summary>
public static class WilsonScore
{
    /// <summary>
    /// Lower bound of the Wilson score interval for <paramref name="successes"/> out of <paramref name="trials"/>:
    /// <code>
    ///   p̂ = k / n
    ///   L = ( p̂ + z²/2n − z·√( p̂(1−p̂)/n + z²/4n² ) ) / ( 1 + z²/n )
    /// </code>
    /// 0 when there are no trials. Unlike p̂, it is low for a small sample: 8 of 8 gives 0.676 at z = 1.96,
    /// 500 of 500 gives 0.992.
    /// </summary>
    public static double LowerBound(long successes, long trials, double z = 1.96)
    {
        var (centre, half, denominator) = Parts(successes, trials, z);
        return trials == 0 ? 0 : Math.Clamp((centre - half) / denominator, 0, 1);
    }

    /// <summary>Upper bound of the same interval; 1 when there are no trials.</summary>
    public static double UpperBound(long successes, long trials, double z = 1.96)
    {
        var (centre, half, denominator) = Parts(successes, trials, z);
        return trials == 0 ? 1 : Math.Clamp((centre + half) / denominator, 0, 1);
    }

    private static (double Centre, double Half, double Denominator) Parts(long successes, long trials, double z)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0) return (0, 0, 1);
        double n = trials, p = successes / n, z2 = z * z;
        return (p + z2 / (2 * n), z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)), 1 + z2 / n);
    }
}
