namespace Portal.TrafficGen;

/// <summary>What traffic to produce and how disorderly its delivery is. Defaults: 5 transactions/s, seed 42, 1% late.</summary>
public sealed record TrafficOptions
{
    public int Seed { get; init; } = 42;

    /// <summary>Transactions per second; 0 produces as fast as the senders take them (saturation).</summary>
    public double Rate { get; init; } = 5;

    /// <summary>Stop producing after this many transactions; null for no limit.</summary>
    public long? Count { get; init; }

    /// <summary>Stop producing after this long; null for no limit.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Largest normal delivery delay: most records arrive 0..this late (seed 004: 3 s).</summary>
    public TimeSpan NormalMaxDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Share of records delayed abnormally, between <see cref="NormalMaxDelay"/> and <see cref="LateMaxDelay"/>.</summary>
    public double LateShare { get; init; } = 0.01;

    public TimeSpan LateMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Each instance's clock is off by a fixed amount within ±this.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Bursts of traffic, an instance going quiet, node restarts (NodeDown/NodeUp) and deployments.</summary>
    public bool Disruptions { get; init; } = true;

    /// <summary>Records generated but not yet due or sent; production pauses above it.</summary>
    public int MaxPendingRecords { get; init; } = 200_000;

    public void Validate()
    {
        if (Rate < 0) throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "The rate must be 0 (as fast as possible) or positive.");
        if (Count is <= 0) throw new ArgumentOutOfRangeException(nameof(Count), Count, "The count must be positive.");
        if (Duration is { } d && d <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "The duration must be positive.");
        if (LateShare is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(LateShare), LateShare, "The late share must be within 0..1.");
        if (NormalMaxDelay < TimeSpan.Zero || LateMaxDelay < NormalMaxDelay)
            throw new ArgumentOutOfRangeException(nameof(LateMaxDelay), LateMaxDelay, "Delays must satisfy 0 <= normal max <= late max.");
        if (MaxPendingRecords < 1000) throw new ArgumentOutOfRangeException(nameof(MaxPendingRecords), MaxPendingRecords, "At least 1000.");
    }
}
