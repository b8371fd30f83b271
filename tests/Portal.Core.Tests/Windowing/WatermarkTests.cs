using Portal.Core.Windowing;
using static Portal.Core.Tests.Windowing.Spans;

namespace Portal.Core.Tests.Windowing;

public class WatermarkTests
{
    private static bool FirstEmitted(IEnumerable<WindowResult> results, double windowStartSeconds) =>
        results.Any(r => r.Kind == WindowResultKind.First && r.Key == WindowKey.All && r.WindowStart == At(windowStartSeconds));

    /// <summary>No delay and a lag bound far away, so only the sources and their 5 s idle timeout move the watermark.</summary>
    private static WindowEngine EngineWithIdleTimeoutOf5s() => new(new WindowEngineOptions
    {
        OutOfOrderness = TimeSpan.Zero,
        SourceIdleTimeout = TimeSpan.FromSeconds(5),
        MaxWatermarkLag = TimeSpan.FromMinutes(10),
    });

    [Fact]
    public void AnIdleSourceStopsHoldingTheWatermarkBack()
    {
        var engine = EngineWithIdleTimeoutOf5s();
        var seen = new List<WindowResult>();
        for (var s = 0.0; s < 20; s += 0.5)
        {
            engine.Add(Make(s, instance: "busy-1"), At(s));
            if (s <= 5) engine.Add(Make(s, instance: "quiet-1"), At(s));
            seen.AddRange(engine.AdvanceTo(At(s)));
            if (s == 9.5)
            {
                Assert.True(FirstEmitted(seen, 4), "windows before the quiet source's last event close");
                Assert.False(FirstEmitted(seen, 5), "the quiet source holds the watermark while within its idle timeout");
                Assert.Equal(At(5), engine.Watermark);
            }
        }
        Assert.True(FirstEmitted(seen, 18), "once idle, the quiet source no longer holds the watermark");
        Assert.Equal(1, engine.GetStats().ActiveSources);
    }

    [Fact]
    public void ASourceThatComesBackAfterGoingIdleHoldsTheWatermarkAgain()
    {
        var engine = EngineWithIdleTimeoutOf5s();
        const string quiet = "quiet-1";
        for (var s = 0.0; s <= 20; s += 0.5)
        {
            engine.Add(Make(s, instance: "busy-1"), At(s));
            if (s <= 5) engine.Add(Make(s, instance: quiet), At(s));
            engine.AdvanceTo(At(s));
        }
        Assert.Equal(1, engine.GetStats().ActiveSources);
        Assert.Equal(At(20), engine.Watermark);

        // The same name (the same string instance) again, with a clock 3 s behind: a source anew, tracked and holding.
        for (var s = 20.5; s <= 25; s += 0.5)
        {
            engine.Add(Make(s, instance: "busy-1"), At(s));
            engine.Add(Make(s - 3, instance: quiet), At(s));
            engine.AdvanceTo(At(s));
        }
        Assert.Equal(2, engine.GetStats().ActiveSources);
        Assert.Equal(At(22), engine.Watermark);
    }

    [Fact]
    public void ASourceWhoseClockRunsAheadDoesNotCloseOtherSourcesWindowsEarly()
    {
        var engine = new WindowEngine(new WindowEngineOptions
        {
            OutOfOrderness = TimeSpan.FromSeconds(2),
            MaxFutureSkew = TimeSpan.FromSeconds(1),
        });
        var seen = new List<WindowResult>();
        for (var s = 0.0; s <= 14; s += 0.25)
        {
            engine.Add(Make(s + 60, instance: "ahead-1", service: "ahead"), At(s));
            engine.Add(Make(s, instance: "honest-1", service: "honest"), At(s));
            // A record delayed by 1.5 s: within the out-of-orderness, so it makes its window's first result.
            if (s == 10.5) engine.Add(Make(9.0, instance: "honest-1", service: "honest"), At(s));
            seen.AddRange(engine.AdvanceTo(At(s)));
            Assert.True(engine.Watermark <= At(s - 2), $"watermark {engine.Watermark:ss.fff} at {s}");
        }

        var first = Assert.Single(seen, r => r.Kind == WindowResultKind.First && r.Key == WindowKey.ForService("honest") && r.WindowStart == At(9));
        Assert.Equal(5, first.Aggregate.Count);
        Assert.DoesNotContain(seen, r => r.Key == WindowKey.ForService("ahead"));
    }

    [Fact]
    public void ASourceAloneWithAClockRunningAheadMovesTheWatermarkNoFurtherThanTheSkewClamp()
    {
        var engine = new WindowEngine(new WindowEngineOptions { OutOfOrderness = TimeSpan.Zero, MaxFutureSkew = TimeSpan.FromSeconds(1) });
        engine.Add(Make(3600, instance: "ahead-1"), At(10));
        engine.AdvanceTo(At(10));
        Assert.Equal(At(11), engine.Watermark);
    }

    [Fact]
    public void ASourceWhoseClockLagsCannotStallOtherSourcesWindows()
    {
        var engine = new WindowEngine(new WindowEngineOptions { MaxWatermarkLag = TimeSpan.FromSeconds(10) });
        engine.AdvanceTo(At(99));
        var seen = new List<WindowResult>();
        for (var s = 100.0; s <= 120; s += 0.25)
        {
            engine.Add(Make(s - 60, instance: "lagging-1", service: "lagging"), At(s));
            engine.Add(Make(s, instance: "honest-1", service: "honest"), At(s));
            seen.AddRange(engine.AdvanceTo(At(s)));
        }

        Assert.Equal(At(110), engine.Watermark);
        Assert.Contains(seen, r => r.Kind == WindowResultKind.Final && r.Key == WindowKey.ForService("honest") && r.WindowStart == At(105));
        // The lagging source's records are counted in their true windows, as late deltas.
        var late = seen.Where(r => r.Key == WindowKey.ForService("lagging")).ToList();
        Assert.All(late, r => Assert.Equal(WindowResultKind.LateDelta, r.Kind));
        Assert.All(late, r => Assert.InRange(r.WindowStart, At(40), At(60)));
    }

    [Fact]
    public void WithNoSourcesTheWatermarkFollowsProcessingTimeMinusTheMaximumLag()
    {
        var engine = new WindowEngine();
        engine.Add(Make(50.5), At(51));
        var results = engine.AdvanceTo(At(100));

        Assert.Equal(At(90), engine.Watermark);
        Assert.Contains(results, r => r.Kind == WindowResultKind.First && r.WindowStart == At(50));
        Assert.Contains(results, r => r.Kind == WindowResultKind.Final && r.WindowStart == At(50));
    }
}
