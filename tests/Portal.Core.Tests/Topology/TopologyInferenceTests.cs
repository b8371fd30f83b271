using Portal.Core.Records;
using Portal.Core.Topology;
using static Portal.Core.Tests.Topology.TraceGenerator;
using static Portal.Core.Tests.Topology.Trees;

namespace Portal.Core.Tests.Topology;

public class TopologyInferenceTests
{
    private static readonly DateTime Now = T0.AddHours(1);

    private static InferredTopology Infer(IEnumerable<IReadOnlyList<SpanRecord>> traces, TopologyOptions? options = null, InferredTopology? published = null) =>
        TopologyInference.Infer("transfer", traces, Now, options, published) ?? throw new InvalidOperationException("no traces");

    private static TopologyEdge Edge(InferredTopology topology, TopologyNodeKey caller, TopologyNodeKey callee) =>
        topology.FindEdge(caller, callee) ?? throw new Xunit.Sdk.XunitException($"no edge {caller} -> {callee}");

    [Fact]
    public void AStableScenarioReachesHighConfidenceAndIsPublished()
    {
        var traces = new TraceGenerator(1).Many(500, _ => Stable());
        var topology = Infer(traces);

        Assert.Equal(500, topology.TraceCount);
        Assert.Equal(5, topology.SliceCount);
        Assert.Equal(Gateway, topology.Root);
        Assert.Equal(new[] { Debit, Gateway, Post, Notify, Execute }.Order(), topology.Nodes.Select(n => n.Key));
        Assert.Equal(5, topology.Edges.Count);
        Assert.All(topology.Edges, e =>
        {
            Assert.Equal(EdgeCategory.Main, e.Category);
            Assert.Equal(SporadicReasons.None, e.Reasons);
            Assert.Equal(1.0, e.Support);
            Assert.Equal(500, e.Samples);
            Assert.Equal(500, e.Occurrences);
            Assert.Equal(1.0, e.Stability, 12);
            Assert.Equal([1.0, 1.0, 1.0, 1.0, 1.0], e.SliceSupports);
            Assert.Equal(WilsonScore.LowerBound(500, 500), e.Confidence, 12);
        });
        Assert.Equal(0.9924, topology.Confidence, 4);

        var decision = TopologyDecider.Decide(topology, published: null);
        Assert.Equal(TopologyDecisionKind.Publish, decision.Kind);
        Assert.Equal(DecisionReasons.FirstVersion | DecisionReasons.HighConfidence, decision.Reasons);
        Assert.Same(topology, decision.Candidate);
        Assert.Null(decision.Diff);
    }

    [Fact]
    public void FirstAndLastSeenSpanTheCalleeStarts()
    {
        var traces = new TraceGenerator(2).Many(50, _ => Stable());
        var edge = Edge(Infer(traces), Gateway, Debit);
        var starts = traces.SelectMany(t => t).Where(s => s.Service == "accounts").Select(s => s.StartTime).ToList();
        Assert.Equal(starts.Min(), edge.FirstSeen);
        Assert.Equal(starts.Max(), edge.LastSeen);
        Assert.Equal(DateTimeKind.Utc, edge.FirstSeen.Kind);
    }

    [Fact]
    public void ExplicitSlicesGiveTheSameTopologyAsTimeSlicing()
    {
        var traces = new TraceGenerator(3).Many(500, _ => Stable());
        var slices = traces.Chunk(100).Select(c => (IReadOnlyList<IReadOnlyList<SpanRecord>>)c).ToList();
        var sliced = TopologyInference.InferFromSlices("transfer", slices, Now)!;
        var timed = Infer(traces);
        Assert.Equal(timed.Confidence, sliced.Confidence, 12);
        Assert.Equal(timed.SliceCount, sliced.SliceCount);
        Assert.Equal(timed.Edges.Select(e => (e.Key, e.Order, e.Depth, e.Confidence)), sliced.Edges.Select(e => (e.Key, e.Order, e.Depth, e.Confidence)));
    }

    [Fact]
    public void AScenarioSeenInFewTracesStaysPending()
    {
        var topology = Infer(new TraceGenerator(4).Many(8, _ => Stable()));

        Assert.All(topology.MainPath, e => Assert.Equal(0.6756, e.Confidence, 4));
        // Coverage 8/30 × Wilson(8, 8).
        Assert.Equal(8.0 / 30 * WilsonScore.LowerBound(8, 8), topology.Confidence, 12);
        var decision = TopologyDecider.Decide(topology, null);
        Assert.Equal(TopologyDecisionKind.Pending, decision.Kind);
        Assert.Equal(DecisionReasons.FirstVersion | DecisionReasons.LowConfidence | DecisionReasons.InsufficientTraces, decision.Reasons);
    }

    [Fact]
    public void OtherScenariosAndEmptyTracesAreIgnored()
    {
        var generator = new TraceGenerator(5);
        var traces = generator.Many(40, _ => Stable())
            .Concat(generator.Many(30, _ => C("gateway", "GET /balance", C("accounts", "balance")), scenario: "balance"))
            .Append([])
            .ToList();
        var topology = Infer(traces);
        Assert.Equal(40, topology.TraceCount);
        Assert.DoesNotContain(topology.Nodes, n => n.Key.Endpoint == "balance");
        Assert.Null(TopologyInference.Infer("nothing", traces, Now));
    }

    [Fact]
    public void RareErrorBranchesAndRetriesAreSporadicAndStayOffTheMainPath()
    {
        // 1000 traces: 2% failed transfers with a compensation call, 4% ledger time-outs followed by polling, 5% debit retried once.
        var trees = new Call[1000];
        for (var i = 0; i < trees.Length; i++)
            trees[i] = (i % 50) switch
            {
                7 => FailedWithCompensation(),
                3 or 28 => TimeoutThenPolling(),
                _ => i % 20 == 11 ? DebitRetried() : Stable(),
            };
        var topology = Infer(new TraceGenerator(6).Many(trees.Length, i => trees[i]));

        var reverse = Edge(topology, Execute, Reverse);
        Assert.Equal(EdgeCategory.Sporadic, reverse.Category);
        Assert.Equal(SporadicReasons.LowSupport | SporadicReasons.ErrorPath, reverse.Reasons);
        Assert.Equal(0.02, reverse.Support, 12);
        Assert.Equal(1.0, reverse.ErrorShare);

        var polling = Edge(topology, Execute, QueryStatus);
        Assert.Equal(EdgeCategory.Sporadic, polling.Category);
        Assert.Equal(SporadicReasons.LowSupport | SporadicReasons.ErrorPath | SporadicReasons.Retry, polling.Reasons);
        Assert.Equal(1.0, polling.RetryShare);
        Assert.Equal(0.04, polling.Support, 12);

        // A main-path call that is sometimes retried stays on the main path, counted once per trace.
        var debit = Edge(topology, Gateway, Debit);
        Assert.Equal(EdgeCategory.Main, debit.Category);
        Assert.Equal(1.0, debit.Support);
        Assert.Equal(0.05, debit.RetryShare, 12);
        Assert.Equal(0, debit.Order);

        Assert.Equal(
            new[] { (Debit, Post), (Gateway, Debit), (Gateway, Execute), (Execute, Post), (Execute, Notify) },
            topology.MainPath.Select(e => e.Key));
        Assert.Equal(EdgeCategory.Sporadic, topology.Nodes.Single(n => n.Key == Reverse).Category);
        Assert.Equal(EdgeCategory.Sporadic, topology.Nodes.Single(n => n.Key == QueryStatus).Category);
        // notify:send is skipped by the failed transfers: support 0.98, still main.
        Assert.Equal(0.98, Edge(topology, Execute, Notify).Support, 12);
        // Sporadic edges come after the caller's main-path edges.
        Assert.True(polling.Order > Edge(topology, Execute, Notify).Order);

        var decision = TopologyDecider.Decide(topology, null);
        Assert.Equal(TopologyDecisionKind.Publish, decision.Kind);
    }

    [Fact]
    public void ABranchWhoseTracesMostlyFailIsNotAnErrorPathWhenTheWholeScenarioFails()
    {
        var traces = new TraceGenerator(7).Many(200, i => i % 10 == 0 ? Stable() : FailedWithCompensation());
        var topology = Infer(traces);
        var reverse = Edge(topology, Execute, Reverse);
        Assert.Equal(EdgeCategory.Main, reverse.Category);
        Assert.Equal(0.9, reverse.Support, 12);
    }

    [Fact]
    public void SequentialCallsAreOrderedByTimeNotByNameAndDepthIsTheDistanceFromTheRoot()
    {
        // A → B, then A → C; B → D. Names chosen so that alphabetical order is the reverse of call order.
        var a = new TopologyNodeKey("a", "run");
        var b = new TopologyNodeKey("zeta", "first");
        var c = new TopologyNodeKey("alpha", "second");
        var d = new TopologyNodeKey("mid", "deep");
        Call Tree(bool swapped) => swapped
            ? C("a", "run", C("alpha", "second"), C("zeta", "first", C("mid", "deep")))
            : C("a", "run", C("zeta", "first", C("mid", "deep")), C("alpha", "second"));
        // One trace in ten calls C first: the median still puts B first.
        var topology = TopologyInference.Infer("seq", new TraceGenerator(8).Many(100, i => Tree(i % 10 == 4), scenario: "seq"), Now)!;

        Assert.Equal((0, 1), (Edge(topology, a, b).Order, Edge(topology, a, b).Depth));
        Assert.Equal((1, 1), (Edge(topology, a, c).Order, Edge(topology, a, c).Depth));
        Assert.Equal((0, 2), (Edge(topology, b, d).Order, Edge(topology, b, d).Depth));
        Assert.Equal([0, 1, 1, 2], new[] { a, b, c, d }.Select(k => topology.Nodes.Single(n => n.Key == k).Depth));
        Assert.True(Edge(topology, a, b).StartOffsetMicros < Edge(topology, a, c).StartOffsetMicros);
    }

    [Fact]
    public void SpansCutOffFromTheRootAreLeftOut()
    {
        var generator = new TraceGenerator(9);
        var traces = generator.Many(40, _ => Stable()).Select(t =>
        {
            // Drop accounts:debit: its ledger:post child now points at a missing parent.
            var list = t.Where(s => s.Service != "accounts").ToList();
            return (IReadOnlyList<SpanRecord>)list;
        }).ToList();
        var topology = Infer(traces);
        Assert.Equal(Gateway, topology.Root);
        Assert.Null(topology.FindEdge(Debit, Post));
        Assert.Equal(3, topology.Edges.Count);
    }

    [Fact]
    public void StabilityIsOneForASteadyEdgeAndLowForOneMissingFromSomeSlices()
    {
        Assert.Equal(1.0, TopologyInference.Stability([100, 100, 100, 100, 100], [100, 100, 100, 100, 100]), 12);
        Assert.Equal(1.0, TopologyInference.Stability([50], [100]), 12);
        Assert.Equal(0.0, TopologyInference.Stability([0, 0], [100, 100]));
        // Present in the last 3 of 5 slices: p = 0.6, V = 0.24, E = 4·0.24/500.
        var expected = 1 - Math.Sqrt(0.24 - 4 * 0.24 / 500) / 0.6;
        Assert.Equal(expected, TopologyInference.Stability([0, 0, 100, 100, 100], [100, 100, 100, 100, 100]), 12);
        Assert.InRange(expected, 0.18, 0.19);
        // Binomial noise around a steady 50% share is not instability.
        Assert.Equal(1.0, TopologyInference.Stability([48, 53, 50, 47, 52], [100, 100, 100, 100, 100]), 12);
        // Empty slices say nothing.
        Assert.Equal(1.0, TopologyInference.Stability([100, 0, 100], [100, 0, 100]), 12);
    }

    [Fact]
    public void AConditionalBranchBelowTheMainThresholdIsSporadicUnlessPublishedAsMain()
    {
        var traces = new TraceGenerator(10).Many(500, i => i % 20 < 7 ? WithFraudCheck() : Stable()); // 35%
        var fresh = Infer(traces);
        var fraud = Edge(fresh, Execute, Fraud);
        Assert.Equal(0.35, fraud.Support, 12);
        Assert.Equal(EdgeCategory.Sporadic, fraud.Category);
        Assert.Equal(SporadicReasons.LowSupport, fraud.Reasons);

        // Once published as main (say an admin confirmed it), 35% ≥ SporadicSupport keeps it there: no flapping.
        var published = TopologyEditor.Apply(fresh, [new TopologyEdit.AddEdge(Execute, Fraud)], "admin", Now);
        var again = Infer(traces, published: published);
        Assert.Equal(EdgeCategory.Main, Edge(again, Execute, Fraud).Category);
        Assert.Equal(0, Edge(again, Execute, Fraud).Order);

        // Below SporadicSupport it falls off even so.
        var rare = Infer(new TraceGenerator(11).Many(500, i => i % 10 == 0 ? WithFraudCheck() : Stable()), published: published);
        Assert.Equal(EdgeCategory.Sporadic, Edge(rare, Execute, Fraud).Category);
    }

    [Fact]
    public void ASingleNodeScenarioHasConfidenceFromItsTraceCount()
    {
        var topology = TopologyInference.Infer("ping", new TraceGenerator(12).Many(100, _ => C("gateway", "GET /ping"), scenario: "ping"), Now)!;
        Assert.Empty(topology.Edges);
        Assert.Single(topology.Nodes);
        Assert.Equal(WilsonScore.LowerBound(100, 100), topology.Confidence, 12);
    }

    [Fact]
    public void InfersTenThousandTracesOfTenSpansIntoTheirMainPath()
    {
        // Its speed is measured by bench/ (bash bench/run.sh --only inference), not asserted here.
        var tree = C("gateway", "POST /transfer",
            C("accounts", "debit", C("ledger", "post"), C("audit", "write")),
            C("payments", "execute", C("fraud", "check"), C("ledger", "post"), C("notify", "send"), C("risk", "score")),
            C("audit", "write"));
        var traces = new TraceGenerator(13).Many(10_000, _ => tree, spacing: TimeSpan.FromMilliseconds(100));
        Assert.Equal(10, traces[0].Count);

        var topology = Infer(traces);

        Assert.Equal(10_000, topology.TraceCount);
        Assert.Equal(9, topology.MainPath.Count());
    }
}
