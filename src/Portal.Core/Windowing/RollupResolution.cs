namespace Portal.Core.Windowing;

/// <summary>
/// Picks the rollup level for a requested time range and aligns times to its buckets.
/// The defaults keep a chart at or under about 900–2,900 points: up to 15 minutes by the second (900 points),
/// up to 2 days by the minute (2,880 points), anything longer by the hour.
/// </summary>
public static class RollupResolution
{
    public static readonly TimeSpan SecondsUpTo = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MinutesUpTo = TimeSpan.FromDays(2);

    public static TimeSpan BucketSize(RollupLevel level) => level switch
    {
        RollupLevel.Second => TimeSpan.FromSeconds(1),
        RollupLevel.Minute => TimeSpan.FromMinutes(1),
        RollupLevel.Hour => TimeSpan.FromHours(1),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>The finest level whose point count stays reasonable for <paramref name="range"/>.</summary>
    public static RollupLevel For(TimeSpan range) =>
        range <= SecondsUpTo ? RollupLevel.Second
        : range <= MinutesUpTo ? RollupLevel.Minute
        : RollupLevel.Hour;

    public static RollupLevel For(DateTime fromUtc, DateTime toUtc) => For(toUtc - fromUtc);

    /// <summary>The start of the bucket containing <paramref name="time"/>.</summary>
    public static DateTime Floor(DateTime time, RollupLevel level)
    {
        var size = BucketSize(level).Ticks;
        return new DateTime(time.Ticks - time.Ticks % size, time.Kind);
    }

    /// <summary>The smallest bucket start at or after <paramref name="time"/>.</summary>
    public static DateTime Ceiling(DateTime time, RollupLevel level)
    {
        var floor = Floor(time, level);
        return floor == time ? floor : floor.Add(BucketSize(level));
    }

    /// <summary>The level above <paramref name="level"/> that its buckets roll up into, or null for the coarsest.</summary>
    public static RollupLevel? Coarser(RollupLevel level) => level switch
    {
        RollupLevel.Second => RollupLevel.Minute,
        RollupLevel.Minute => RollupLevel.Hour,
        _ => null,
    };

    /// <summary>The number of buckets of <paramref name="level"/> that [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) touches.</summary>
    public static long BucketCount(DateTime fromUtc, DateTime toUtc, RollupLevel level)
    {
        if (toUtc <= fromUtc) return 0;
        return (Ceiling(toUtc, level).Ticks - Floor(fromUtc, level).Ticks) / BucketSize(level).Ticks;
    }
}
