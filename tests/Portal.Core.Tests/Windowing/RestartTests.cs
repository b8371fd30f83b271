using Portal.Core.Records;
using Portal.Core.Windowing;
using static Portal.Core.Tests.Windowing.Spans;

namespace Portal.Core.Tests.Windowing;

/// <summary>A restart in the middle of the traffic loses nothing and counts nothing twice, once the new engine is rebuilt from stored spans.</summary>
public class RestartTests
{
    [Theory]
    [InlineData(21, 45.0)]
    [InlineData(22, 70.3)]
    [InlineData(23, 100.0)]
    public void PersistedResultsBeforeAndAfterARebuildEqualTheOfflineAggregate(int seed, double crashSeconds)
    {
        var traffic = new SyntheticTraffic(seed, TimeSpan.FromMinutes(2), tracesPerSecond: 60);
        var random = new Random(seed);
        var crashAt = At(crashSeconds);
        var before = traffic.Arrivals.Where(a => a.Arrival <= crashAt).ToList();
        var after = traffic.Arrivals.Where(a => a.Arrival > crashAt).ToList();

        // The first process persists finals and late deltas of each tick, with the engine's final horizon, then dies right after a tick.
        var first = new WindowEngine();
        var persisted = new List<WindowResult>();
        var now = T0;
        foreach (var (span, arrival) in before)
        {
            while (arrival > now) { persisted.AddRange(Persistable(first.AdvanceTo(now))); now = now.AddMilliseconds(random.Next(100, 251)); }
            first.Add(span, arrival);
        }
        persisted.AddRange(Persistable(first.AdvanceTo(crashAt)));
        var horizon = first.FinalHorizon;

        var second = new WindowEngine();
        var seeded = second.Rebuild(before.Select(a => a.Span), horizon);
        Assert.Equal(before.Count(a => a.Span.StartTime >= horizon), seeded);
        Assert.True(seeded > 0);
        persisted.AddRange(Persistable(WindowEnginePropertyTests.Run(second, after, random, start: crashAt)));

        Assert.DoesNotContain(persisted.Where(r => r.Kind == WindowResultKind.Final).GroupBy(r => (r.Key, r.WindowStart)), g => g.Count() > 1);
        var merged = new Dictionary<(WindowKey, DateTime), WindowAggregate>();
        foreach (var r in persisted)
        {
            if (!merged.TryGetValue((r.Key, r.WindowStart), out var aggregate)) merged[(r.Key, r.WindowStart)] = aggregate = new WindowAggregate();
            aggregate.Merge(r.Aggregate);
        }
        var expected = traffic.Expected(first.Options.WindowSize);
        Assert.Equal(expected.Count, merged.Count);
        foreach (var ((key, window), (want, _)) in expected)
        {
            var got = merged[(key, window)];
            Assert.Equal((want.Count, want.Errors, want.LatencySumMicros), (got.Count, got.Errors, got.LatencySumMicros));
            Assert.True(got.Sketch.BucketsEqual(want.Sketch));
        }
    }

    [Fact]
    public void RebuildMustComeFirst()
    {
        var engine = new WindowEngine();
        engine.AdvanceTo(At(1));
        Assert.Throws<InvalidOperationException>(() => engine.Rebuild([], At(0)));
    }

    private static IEnumerable<WindowResult> Persistable(IEnumerable<WindowResult> results) =>
        results.Where(r => r.Kind is WindowResultKind.Final or WindowResultKind.LateDelta);
}
