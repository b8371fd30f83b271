using Portal.Core.Records;
using Portal.Core.Windowing;
using static Portal.Core.Tests.Windowing.Spans;

namespace Portal.Core.Tests.Windowing;

/// <summary>The per-source adaptive delay of <see cref="WindowEngineOptions.AdaptiveOutOfOrderness"/>.</summary>
public class AdaptiveWatermarkTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    /// <summary>One source sending a record every 10 ms, each delayed by <paramref name="delaySeconds"/> of its event time.</summary>
    private static List<(SpanRecord Span, DateTime Arrival)> Stream(double seconds, Func<double, Random, double> delaySeconds, int seed = 1)
    {
        var random = new Random(seed);
        var stream = new List<(SpanRecord, DateTime)>();
        for (var s = 0.0; s < seconds; s += 0.01)
            stream.Add((Make(s, instance: "source-1"), At(s + delaySeconds(s, random))));
        stream.Sort((a, b) => a.Item2.CompareTo(b.Item2));
        return stream;
    }

    /// <summary>Plays the stream with a tick every 100 ms; returns each result with the processing time it came out at.</summary>
    private static List<(WindowResult Result, DateTime At)> Play(
        WindowEngine engine, List<(SpanRecord Span, DateTime Arrival)> stream, double untilSeconds, Action<DateTime>? afterTick = null)
    {
        var results = new List<(WindowResult, DateTime)>();
        var now = T0;
        var next = 0;
        while (now <= At(untilSeconds))
        {
            for (; next < stream.Count && stream[next].Arrival <= now; next++) engine.Add(stream[next].Span, stream[next].Arrival);
            foreach (var result in engine.AdvanceTo(now)) results.Add((result, now));
            afterTick?.Invoke(now);
            now += Tick;
        }
        return results;
    }

    private static TimeSpan FirstResultAfterWindowEnd(List<(WindowResult Result, DateTime At)> results, double windowStart)
    {
        var (result, at) = results.Single(r => r.Result.Kind == WindowResultKind.First && r.Result.Key == WindowKey.All && r.Result.WindowStart == At(windowStart));
        return at - result.WindowEnd;
    }

    [Fact]
    public void AnOnTimeSourcesWindowsEmitWithinTheMinimumDelayOfTheirEnd()
    {
        var options = new WindowEngineOptions();
        var stream = Stream(30, (_, random) => random.NextDouble() * 0.02);
        var adaptive = Play(new WindowEngine(options), stream, 40);
        var fixedDelay = Play(new WindowEngine(options with { AdaptiveOutOfOrderness = false }), stream, 40);

        for (var w = 5; w < 28; w++)
        {
            // Watermark = newest event − 0.25 s; the tick that sees it comes at most 100 ms later.
            Assert.InRange(FirstResultAfterWindowEnd(adaptive, w), TimeSpan.Zero, options.MinOutOfOrderness + Tick);
            Assert.True(FirstResultAfterWindowEnd(fixedDelay, w) >= options.OutOfOrderness, "the fixed delay waits the whole OutOfOrderness");
        }
    }

    [Fact]
    public void ASparseOnTimeSourcesWindowsEmitWithoutWaitingForItsNextRecord()
    {
        var options = new WindowEngineOptions();
        // Dense for 10 s (the delay is learned), then one record every 2.5 s.
        var stream = Stream(10, (_, random) => random.NextDouble() * 0.02);
        for (var s = 10.3; s < 30; s += 2.5) stream.Add((Make(s, instance: "source-1"), At(s + 0.01)));
        var results = Play(new WindowEngine(options), stream, 40);

        for (var s = 10.3; s < 28; s += 2.5)
        {
            var window = Math.Floor(s);
            // Before, the window waited for the next record, 2.5 s later; now processing time moves the learned watermark.
            Assert.InRange(FirstResultAfterWindowEnd(results, window), TimeSpan.Zero, options.MinOutOfOrderness + 2 * Tick);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SourcesWithTheSeedsNormalDelaysKeepTheirTimeliness(int seed)
    {
        var traffic = new SyntheticTraffic(seed, TimeSpan.FromMinutes(2), tracesPerSecond: 150);
        var engine = new WindowEngine();
        WindowEnginePropertyTests.Run(engine, traffic.InArrivalOrder, new Random(seed));

        var stats = engine.GetStats();
        output.WriteLine($"timeliness {stats.Timeliness:P2}");
        Assert.True(stats.Timeliness >= 0.95, $"timeliness {stats.Timeliness:P2}");
    }

    [Fact]
    public void AdaptsToASourceWhoseDelaysGrowAndCountsEveryRecordInItsTrueWindow()
    {
        var engine = new WindowEngine();
        // On time for 40 s, then 0–2 s late.
        var stream = Stream(100, (s, random) => s < 40 ? random.NextDouble() * 0.02 : random.NextDouble() * 2);
        TimeSpan onTimeDelay = default, lateDelay = default;
        var results = Play(engine, stream, 300, now =>
        {
            if (now == At(39)) onTimeDelay = engine.GetStats().MaxSourceDelay;
            if (now == At(99)) lateDelay = engine.GetStats().MaxSourceDelay;
        });

        var stats = engine.GetStats();
        // Delays under 20 ms: the first bucket of the delay histogram (about 52 ms wide) plus the 100 ms margin, or the floor.
        Assert.InRange(onTimeDelay, engine.Options.MinOutOfOrderness, TimeSpan.FromMilliseconds(200));
        Assert.InRange(lateDelay, TimeSpan.FromSeconds(1.9), engine.Options.OutOfOrderness);
        Assert.True(stats.RecordsCorrected > 0, "records that arrive while the delay adapts correct their windows");
        // Every record is counted once, in the window of its event time.
        var expected = stream.GroupBy(a => a.Span.StartTime.Ticks / TimeSpan.TicksPerSecond).ToDictionary(g => g.Key, g => (long)g.Count());
        var counted = results
            .Where(r => r.Result.Key == WindowKey.All && r.Result.Kind is WindowResultKind.Final or WindowResultKind.LateDelta)
            .GroupBy(r => r.Result.WindowStart.Ticks / TimeSpan.TicksPerSecond)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Result.Aggregate.Count));
        Assert.Equal(expected.OrderBy(e => e.Key), counted.OrderBy(c => c.Key));
        // Once adapted, the late source's windows are timely again: their first result holds all their records.
        var firsts = results.Where(r => r.Result.Key == WindowKey.All && r.Result.Kind == WindowResultKind.First
                                        && r.Result.WindowStart >= At(80) && r.Result.WindowStart < At(98)).ToList();
        Assert.NotEmpty(firsts);
        Assert.True(firsts.Sum(r => r.Result.Aggregate.Count) >= 0.95 * firsts.Sum(r => expected[r.Result.WindowStart.Ticks / TimeSpan.TicksPerSecond]));
    }
}
