using System.Diagnostics;

namespace Portal.Bench.Data;

/// <summary>
/// A fresh <see cref="BodySet"/> before each run, whose spans start when the run does. Bodies made once and sent for
/// minutes would carry spans minutes old: the portal would take them as late data of final windows (a late delta per
/// key, window and tick, written to PostgreSQL), which a live system's telemetry is not.
/// </summary>
public sealed class LiveBodies(WireFormat format, int count, int seed)
{
    /// <summary>How long the last set took to make: the next one's spans start that far ahead, when it is sent.</summary>
    public TimeSpan MakingTime { get; private set; }

    public BodySet Next()
    {
        var clock = Stopwatch.StartNew();
        var set = BodySet.Create(format, count, seed, DateTime.UtcNow + MakingTime);
        MakingTime = clock.Elapsed;
        return set;
    }
}
