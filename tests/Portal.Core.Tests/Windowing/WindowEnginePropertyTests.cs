using Portal.Core.Records;
using Portal.Core.Sketches;
using Portal.Core.Windowing;

namespace Portal.Core.Tests.Windowing;

/// <summary>
/// Feeds two minutes of random traces in arrival order and checks seed 004's promise: after correction every record is
/// in its true window, exactly; and at least 95% of records make their window's first result.
/// </summary>
public class WindowEnginePropertyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const double Bound = LatencySketch.RelativeAccuracy * (1 + 1e-9);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void FinalsPlusLateDeltasEqualTheOfflineAggregateOfEveryWindow(int seed)
    {
        var traffic = new SyntheticTraffic(seed, TimeSpan.FromMinutes(2), tracesPerSecond: 150);
        var engine = new WindowEngine();
        var results = Run(engine, traffic.InArrivalOrder, new Random(seed));
        var expected = traffic.Expected(engine.Options.WindowSize);

        var merged = new Dictionary<(WindowKey, DateTime), WindowAggregate>();
        foreach (var r in results.Where(r => r.Kind is WindowResultKind.Final or WindowResultKind.LateDelta))
        {
            if (!merged.TryGetValue((r.Key, r.WindowStart), out var aggregate)) merged[(r.Key, r.WindowStart)] = aggregate = new WindowAggregate();
            aggregate.Merge(r.Aggregate);
        }

        Assert.Equal(expected.Count, merged.Count);
        foreach (var ((key, window), (want, durations)) in expected)
        {
            Assert.True(merged.TryGetValue((key, window), out var got), $"{key} at {window:HH:mm:ss} is missing");
            Assert.Equal((want.Count, want.Errors, want.LatencySumMicros, want.LatencyMinMicros, want.LatencyMaxMicros),
                (got.Count, got.Errors, got.LatencySumMicros, got.LatencyMinMicros, got.LatencyMaxMicros));
            Assert.True(got.Sketch.BucketsEqual(want.Sketch), $"{key} at {window:HH:mm:ss}: sketch differs");
            durations.Sort();
            foreach (var q in new[] { 0.5, 0.95, 0.99 })
            {
                var exact = durations[(int)Math.Floor(q * (durations.Count - 1))];
                Assert.True(Math.Abs(got.Quantile(q) - exact) <= Bound * exact, $"{key} q={q}");
            }
        }

        var stats = engine.GetStats();
        Assert.Equal(traffic.Arrivals.Count, stats.RecordsTotal);
        Assert.Equal(stats.RecordsTotal, stats.RecordsTimely + stats.RecordsCorrected + stats.RecordsLate);
        Assert.Equal(stats.RecordsTotal, stats.Delays.Total);
        Assert.True(stats.Timeliness >= 0.95, $"timeliness {stats.Timeliness:P2}");
        Assert.True(stats.RecordsLate > 0, "the 1% long delays should produce late deltas");
        Assert.Equal(0, stats.EdgesAbandoned);
        Assert.Equal(0, stats.OpenWindows);
        output.WriteLine(stats.ToString());
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void EachKeyAndWindowEmitsInOrderWithRisingRevisionsAndOnlyWhereThereWereRecords(int seed)
    {
        var traffic = new SyntheticTraffic(seed, TimeSpan.FromMinutes(2), tracesPerSecond: 100);
        var engine = new WindowEngine();
        var results = Run(engine, traffic.InArrivalOrder, new Random(seed));
        var expected = traffic.Expected(engine.Options.WindowSize);

        Assert.True(results.Count(r => r.Kind == WindowResultKind.Correction) > 0, "the delays should cause corrections");
        foreach (var series in results.GroupBy(r => (r.Key, r.WindowStart)))
        {
            Assert.True(expected.ContainsKey(series.Key), $"{series.Key} has results but no records");
            var live = series.Where(r => r.Kind != WindowResultKind.LateDelta).ToList();
            var finals = live.Count(r => r.Kind == WindowResultKind.Final);
            Assert.True(finals <= 1);
            if (live.Count == 0) continue;
            Assert.Equal(1, finals);
            Assert.Equal(WindowResultKind.Final, live[^1].Kind);
            Assert.True(live.Count(r => r.Kind == WindowResultKind.First) <= 1);
            if (live[0].Kind == WindowResultKind.First) Assert.Equal(0, live[0].Revision);
            var corrections = live.Where(r => r.Kind == WindowResultKind.Correction).Select(r => r.Revision).ToList();
            for (var i = 1; i < corrections.Count; i++) Assert.True(corrections[i] > corrections[i - 1]);
            for (var i = 1; i < live.Count; i++)
            {
                Assert.True(live[i].Revision >= live[i - 1].Revision);
                Assert.True(live[i].Aggregate.Count >= live[i - 1].Aggregate.Count);
            }
            var lastDeltaAt = series.Select((r, i) => (r, i)).LastOrDefault(x => x.r.Kind == WindowResultKind.LateDelta).i;
            var finalAt = series.Select((r, i) => (r, i)).First(x => x.r.Kind == WindowResultKind.Final).i;
            if (series.Any(r => r.Kind == WindowResultKind.LateDelta)) Assert.True(lastDeltaAt > finalAt);
        }
    }

    /// <summary>Adds spans in arrival order with a tick every 100–250 ms, then ticks until every window is final.</summary>
    internal static List<WindowResult> Run(WindowEngine engine, IEnumerable<(SpanRecord Span, DateTime Arrival)> arrivals, Random random, DateTime? start = null)
    {
        var results = new List<WindowResult>();
        var now = start ?? Spans.T0;
        foreach (var (span, arrival) in arrivals)
        {
            // A tick at time t sees every record that arrived by t.
            while (arrival > now)
            {
                results.AddRange(engine.AdvanceTo(now));
                now = now.AddMilliseconds(random.Next(100, 251));
            }
            engine.Add(span, arrival);
        }
        var end = now.AddMinutes(3);
        while (now < end)
        {
            now = now.AddMilliseconds(250);
            results.AddRange(engine.AdvanceTo(now));
        }
        return results;
    }
}
