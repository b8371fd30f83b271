using Portal.Core.Windowing;
using static Portal.Core.Tests.Windowing.Spans;

namespace Portal.Core.Tests.Windowing;

/// <summary>First result, corrections, final result and late deltas of single windows, with one source and no delay allowance.</summary>
public class WindowLifecycleTests
{
    private static readonly WindowEngineOptions Options = new()
    {
        OutOfOrderness = TimeSpan.Zero,
        AllowedLateness = TimeSpan.FromSeconds(3),
        MaxWatermarkLag = TimeSpan.FromMinutes(10),
        SourceIdleTimeout = TimeSpan.FromMinutes(5),
    };

    private static WindowResult Single(IEnumerable<WindowResult> results, WindowKey key, WindowResultKind kind) =>
        Assert.Single(results, r => r.Key == key && r.Kind == kind);

    [Fact]
    public void AWindowEmitsItsFirstResultWhenTheWatermarkPassesItsEnd()
    {
        var engine = new WindowEngine(Options);
        engine.Add(Make(10.2, durationMicros: 300), At(10.3));
        engine.Add(Make(10.9, durationMicros: 700, isError: true), At(10.95));
        Assert.Empty(engine.AdvanceTo(At(10.95)));

        engine.Add(Make(11.0), At(11.0));
        var results = engine.AdvanceTo(At(11.1));

        var first = Single(results, WindowKey.ForService("payments"), WindowResultKind.First);
        Assert.Equal(At(10), first.WindowStart);
        Assert.Equal(At(11), first.WindowEnd);
        Assert.Equal(0, first.Revision);
        Assert.Equal((2L, 1L, 1000L, 300L, 700L), (first.Aggregate.Count, first.Aggregate.Errors, first.Aggregate.LatencySumMicros, first.Aggregate.LatencyMinMicros, first.Aggregate.LatencyMaxMicros));
        Assert.Equal(0.5, first.Aggregate.SuccessRate);
        Assert.Equal(3, results.Count);
        Assert.Contains(results, r => r.Key == WindowKey.All);
        Assert.Contains(results, r => r.Key == WindowKey.ForEndpoint("payments", "GET /transfer"));
    }

    [Fact]
    public void RecordsAfterTheFirstResultAreCoalescedIntoOneCorrectionPerTick()
    {
        var engine = new WindowEngine(Options);
        engine.Add(Make(10.5), At(10.5));
        engine.Add(Make(11.5), At(11.5));
        engine.AdvanceTo(At(11.5));

        engine.Add(Make(10.6), At(11.6));
        engine.Add(Make(10.7), At(11.7));
        var correction = Single(engine.AdvanceTo(At(11.8)), WindowKey.All, WindowResultKind.Correction);
        Assert.Equal((1, 3L), (correction.Revision, correction.Aggregate.Count));

        engine.Add(Make(10.8), At(12.0));
        var second = Single(engine.AdvanceTo(At(12.1)), WindowKey.All, WindowResultKind.Correction);
        Assert.Equal((2, 4L), (second.Revision, second.Aggregate.Count));
        Assert.Equal(3L, correction.Aggregate.Count);

        var stats = engine.GetStats();
        Assert.Equal((2L, 3L), (stats.RecordsTimely, stats.RecordsCorrected));
    }

    [Fact]
    public void AWindowIsFinalOnceTheWatermarkPassesItsEndPlusTheAllowedLateness()
    {
        var engine = new WindowEngine(Options);
        engine.Add(Make(10.5), At(10.5));
        engine.Add(Make(13.9), At(13.9));
        Assert.DoesNotContain(engine.AdvanceTo(At(13.9)), r => r.Kind == WindowResultKind.Final);

        engine.Add(Make(14.0), At(14.0));
        var final = Single(engine.AdvanceTo(At(14.0)), WindowKey.All, WindowResultKind.Final);
        Assert.Equal((At(10), 1L), (final.WindowStart, final.Aggregate.Count));
        Assert.Equal(At(11), engine.FinalHorizon);
    }

    [Fact]
    public void ARecordForAFinalWindowBecomesALateDeltaForItsTrueWindow()
    {
        var engine = new WindowEngine(Options);
        engine.Add(Make(10.5, durationMicros: 100), At(10.5));
        engine.Add(Make(20.0), At(20.0));
        engine.AdvanceTo(At(20.0));

        engine.Add(Make(10.1, durationMicros: 900), At(20.1));
        engine.Add(Make(10.2, durationMicros: 50), At(20.1));
        var results = engine.AdvanceTo(At(20.2));

        var delta = Single(results, WindowKey.ForService("payments"), WindowResultKind.LateDelta);
        Assert.Equal(At(10), delta.WindowStart);
        Assert.Equal((2L, 950L, 50L, 900L), (delta.Aggregate.Count, delta.Aggregate.LatencySumMicros, delta.Aggregate.LatencyMinMicros, delta.Aggregate.LatencyMaxMicros));
        Assert.Equal(2L, engine.GetStats().RecordsLate);
        Assert.DoesNotContain(engine.AdvanceTo(At(20.3)), r => r.Kind == WindowResultKind.LateDelta);
    }

    [Fact]
    public void AKeyFirstSeenAfterItsWindowEmittedGoesOutAsACorrection()
    {
        var engine = new WindowEngine(Options);
        engine.Add(Make(10.5, service: "payments"), At(10.5));
        engine.Add(Make(11.5, service: "payments"), At(11.5));
        engine.AdvanceTo(At(11.5));

        engine.Add(Make(10.6, service: "ledger"), At(11.6));
        var results = engine.AdvanceTo(At(11.7));

        var correction = Single(results, WindowKey.ForService("ledger"), WindowResultKind.Correction);
        Assert.Equal(1, correction.Revision);
        Assert.DoesNotContain(results, r => r.Key == WindowKey.ForService("payments"));
    }

    [Fact]
    public void ScenarioCountsOnlyRootSpansThatCarryAScenario()
    {
        var engine = new WindowEngine(Options);
        var root = Make(10.1, service: "gateway", instance: "host-1", scenario: "transfer");
        engine.Add(root, At(10.1));
        engine.Add(Make(10.2, service: "payments", instance: "host-1", scenario: "transfer", parent: root.SpanId), At(10.2));
        engine.Add(Make(10.3, service: "gateway", instance: "host-1"), At(10.3));
        engine.Add(Make(12.0, instance: "host-1"), At(12.0));

        var results = engine.AdvanceTo(At(12.0));

        Assert.Equal(1L, Single(results, WindowKey.ForScenario("transfer"), WindowResultKind.First).Aggregate.Count);
        Assert.Single(results, r => r.Key.Scope == WindowScope.Scenario);
    }
}
