using Portal.Core.Windowing;
using static Portal.Core.Tests.Windowing.Spans;

namespace Portal.Core.Tests.Windowing;

public class EdgeScopeTests
{
    private static readonly WindowEngineOptions Options = new()
    {
        OutOfOrderness = TimeSpan.FromSeconds(1),
        AllowedLateness = TimeSpan.FromSeconds(3),
        ParentWaitTimeout = TimeSpan.FromSeconds(20),
    };
    private static readonly WindowKey GatewayToPayments = WindowKey.ForEdge("gateway", "payments");

    /// <summary>Ticks every 250 ms from <paramref name="from"/> to <paramref name="to"/> seconds, adding each span when it arrives.</summary>
    private static List<WindowResult> Play(WindowEngine engine, double from, double to, params (Portal.Core.Records.SpanRecord Span, double Arrival)[] spans)
    {
        var results = new List<WindowResult>();
        for (var s = from; s <= to; s += 0.25)
        {
            foreach (var (span, arrival) in spans)
                if (arrival > s - 0.25 && arrival <= s) engine.Add(span, At(arrival));
            engine.Add(Make(s, service: "clock", instance: "clock-1"), At(s));
            results.AddRange(engine.AdvanceTo(At(s)));
        }
        return results;
    }

    private static WindowAggregate Merged(IEnumerable<WindowResult> results, WindowKey key, double windowStart)
    {
        var merged = new WindowAggregate();
        foreach (var r in results)
            if (r.Key == key && r.WindowStart == At(windowStart) && r.Kind is WindowResultKind.Final or WindowResultKind.LateDelta)
                merged.Merge(r.Aggregate);
        return merged;
    }

    [Fact]
    public void AChildArrivingBeforeItsParentCountsItsEdgeOnceInTheChildsWindow()
    {
        var engine = new WindowEngine(Options);
        var parent = Make(10.9, service: "gateway", durationMicros: 400_000);
        var child = Make(11.1, service: "payments", parent: parent.SpanId, durationMicros: 2_000);

        var results = Play(engine, 10, 30, (child, 11.2), (parent, 12.5));

        var edges = results.Where(r => r.Key.Scope == WindowScope.Edge).ToList();
        Assert.All(edges, r => Assert.Equal(GatewayToPayments, r.Key));
        Assert.All(edges, r => Assert.Equal(At(11), r.WindowStart));
        var final = Assert.Single(edges, r => r.Kind == WindowResultKind.Final);
        Assert.Equal((1L, 2_000L), (final.Aggregate.Count, final.Aggregate.LatencySumMicros));
        Assert.Equal(1, engine.GetStats().EdgesResolved);
        Assert.Equal(0, engine.GetStats().WaitingChildren);
    }

    [Fact]
    public void AChildArrivingAfterItsParentFindsItsCaller()
    {
        var engine = new WindowEngine(Options);
        var parent = Make(10.9, service: "gateway");
        var child = Make(11.1, service: "payments", parent: parent.SpanId);

        var results = Play(engine, 10, 30, (parent, 11.0), (child, 11.5));

        Assert.Equal(1L, Merged(results, GatewayToPayments, 11).Count);
        Assert.Single(results, r => r.Key.Scope == WindowScope.Edge && r.Kind == WindowResultKind.Final);
    }

    [Fact]
    public void AParentArrivingAfterTheChildsWindowIsFinalAddsTheEdgeAsALateDelta()
    {
        var engine = new WindowEngine(Options);
        var parent = Make(10.9, service: "gateway");
        var child = Make(11.1, service: "payments", parent: parent.SpanId);

        var results = Play(engine, 10, 40, (child, 11.2), (parent, 25.0));

        var edge = Assert.Single(results, r => r.Key.Scope == WindowScope.Edge);
        Assert.Equal((WindowResultKind.LateDelta, At(11), 1L), (edge.Kind, edge.WindowStart, edge.Aggregate.Count));
        Assert.Equal(1L, Merged(results, WindowKey.ForService("payments"), 11).Count);
    }

    [Fact]
    public void SeveralChildrenWaitingForOneParentAreAllResolved()
    {
        var engine = new WindowEngine(Options);
        var parent = Make(10.0, service: "gateway");
        var children = Enumerable.Range(0, 3).Select(i => (Make(10.2 + i, service: "payments", parent: parent.SpanId), 13.0)).ToArray();

        var results = Play(engine, 10, 40, [.. children, (parent, 14.0)]);

        Assert.Equal([1L, 1L, 1L], new[] { 10, 11, 12 }.Select(w => Merged(results, GatewayToPayments, w).Count));
        Assert.Equal(3, engine.GetStats().EdgesResolved);
    }

    [Fact]
    public void CallsWithinOneServiceAndRootSpansMakeNoEdge()
    {
        var engine = new WindowEngine(Options);
        var parent = Make(10.1, service: "payments");
        var child = Make(10.2, service: "payments", parent: parent.SpanId);

        var results = Play(engine, 10, 30, (parent, 10.1), (child, 10.3));

        Assert.DoesNotContain(results, r => r.Key.Scope == WindowScope.Edge);
    }

    [Fact]
    public void AChildWhoseParentNeverArrivesGivesUpAfterTheWaitTimeout()
    {
        var engine = new WindowEngine(Options);
        var orphan = Make(10.1, service: "payments", parent: new Portal.Core.Records.SpanId(0xdead));

        var results = Play(engine, 10, 60, (orphan, 10.2));

        Assert.DoesNotContain(results, r => r.Key.Scope == WindowScope.Edge);
        Assert.Equal((1L, 0), (engine.GetStats().EdgesAbandoned, engine.GetStats().WaitingChildren));
        Assert.Equal(1L, Merged(results, WindowKey.ForService("payments"), 10).Count);
    }
}
