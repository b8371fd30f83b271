using Portal.Core.Records;
using Portal.Core.Topology;
using static Portal.Core.Tests.Topology.TraceGenerator;
using static Portal.Core.Tests.Topology.Trees;

namespace Portal.Core.Tests.Topology;

public class TopologyDecisionTests
{
    private static readonly DateTime Now = T0.AddHours(1);
    private static readonly DateTime Later = T0.AddHours(2);

    private static InferredTopology Infer(IEnumerable<IReadOnlyList<SpanRecord>> traces, InferredTopology? published = null, DateTime? at = null) =>
        TopologyInference.Infer("transfer", traces, at ?? Now, null, published) ?? throw new InvalidOperationException("no traces");

    /// <summary>The published version of the stable tree, learnt from 500 traces.</summary>
    private static InferredTopology Published()
    {
        var topology = Infer(new TraceGenerator(100).Many(500, _ => Stable()));
        Assert.Equal(TopologyDecisionKind.Publish, TopologyDecider.Decide(topology, null).Kind);
        return topology;
    }

    /// <summary>500 traces in the next hour, 100 per slice; <paramref name="tree"/> gets the slice (0–4) and index.</summary>
    private static List<IReadOnlyList<SpanRecord>> NextHour(int seed, Func<int, int, Call> tree) =>
        new TraceGenerator(seed).Many(500, i => tree(i / 100, i), from: T0.AddHours(1));

    [Fact]
    public void ANewBranchInRecentSlicesOpensAPendingDriftVersionWithTheAddedEdge()
    {
        var published = Published();
        var traces = NextHour(101, (slice, _) => slice >= 2 ? WithFraudCheck() : Stable());
        var inferred = Infer(traces, published, Later);

        var fraud = inferred.FindEdge(Execute, Fraud)!;
        Assert.Equal(EdgeCategory.Main, fraud.Category);
        Assert.Equal([0.0, 0.0, 1.0, 1.0, 1.0], fraud.SliceSupports);
        Assert.InRange(fraud.Stability, 0.18, 0.19);

        var decision = TopologyDecider.Decide(inferred, published);
        Assert.Equal(TopologyDecisionKind.Pending, decision.Kind);
        Assert.Equal(DecisionReasons.EdgesAdded | DecisionReasons.LowConfidence, decision.Reasons);
        var diff = decision.Diff!;
        Assert.True(diff.HasMainPathChange);
        Assert.Equal((Execute, Fraud), Assert.Single(diff.AddedEdges).Key);
        Assert.Empty(diff.RemovedEdges);
        Assert.Equal([Fraud], diff.AddedNodes);
        Assert.Empty(diff.RemovedNodes);
        Assert.Equal(published.Confidence, diff.OldConfidence);
        Assert.Equal(inferred.Confidence, diff.NewConfidence);
        Assert.True(diff.NewConfidence < 0.9);
    }

    [Fact]
    public void AnAddedBranchSeenSteadilyWithHighConfidenceIsPublishedAutomatically()
    {
        var published = Published();
        var inferred = Infer(NextHour(102, (_, _) => WithFraudCheck()), published, Later);

        var decision = TopologyDecider.Decide(inferred, published);
        Assert.Equal(TopologyDecisionKind.Publish, decision.Kind);
        Assert.Equal(DecisionReasons.EdgesAdded | DecisionReasons.HighConfidence, decision.Reasons);
        Assert.Equal((Execute, Fraud), Assert.Single(decision.Diff!.AddedEdges).Key);
        // Fraud check is called first by payments: the other calls move down one place.
        Assert.Equal([Fraud, Post, Notify], inferred.MainPath.Where(e => e.Caller == Execute).Select(e => e.Callee));
    }

    [Fact]
    public void AVanishedMainPathEdgeNeedsAnAdminEvenWithHighConfidence()
    {
        var published = Published();
        var inferred = Infer(NextHour(103, (_, _) => WithoutNotify()), published, Later);
        Assert.True(inferred.Confidence >= 0.9);

        var decision = TopologyDecider.Decide(inferred, published);
        Assert.Equal(TopologyDecisionKind.Pending, decision.Kind);
        Assert.Equal(DecisionReasons.EdgesRemoved | DecisionReasons.HighConfidence, decision.Reasons);
        Assert.Equal((Execute, Notify), Assert.Single(decision.Diff!.RemovedEdges).Key);
        Assert.Equal([Notify], decision.Diff.RemovedNodes);
    }

    [Fact]
    public void AMainEdgeFallingToSporadicCountsAsRemoved()
    {
        var published = Published();
        // notify:send in 10% of traces: below SporadicSupport, so it leaves the main path.
        var inferred = Infer(NextHour(104, (_, i) => i % 10 == 0 ? Stable() : WithoutNotify()), published, Later);
        var decision = TopologyDecider.Decide(inferred, published);
        Assert.Equal(TopologyDecisionKind.Pending, decision.Kind);
        Assert.Equal((Execute, Notify), Assert.Single(decision.Diff!.RemovedEdges).Key);
        Assert.Equal((Execute, Notify), Assert.Single(decision.Diff.AddedSporadic).Key);
    }

    [Fact]
    public void AChangeOnlyInSporadicEdgesIsPublishedAutomatically()
    {
        var published = Published();
        var inferred = Infer(NextHour(105, (_, i) => i % 50 == 7 ? FailedWithCompensation() : Stable()), published, Later);

        var decision = TopologyDecider.Decide(inferred, published);
        Assert.Equal(TopologyDecisionKind.Publish, decision.Kind);
        Assert.Equal(DecisionReasons.SporadicChange | DecisionReasons.HighConfidence, decision.Reasons);
        Assert.False(decision.Diff!.HasMainPathChange);
        Assert.Equal((Execute, Reverse), Assert.Single(decision.Diff.AddedSporadic).Key);
    }

    [Fact]
    public void TheSameTopologyAgainChangesNothing()
    {
        var published = Published();
        var decision = TopologyDecider.Decide(Infer(NextHour(106, (_, _) => Stable()), published, Later), published);
        Assert.Equal(TopologyDecisionKind.Unchanged, decision.Kind);
        Assert.Equal(DecisionReasons.NoChange | DecisionReasons.HighConfidence, decision.Reasons);
        Assert.Empty(decision.Diff!.ChangedEdges);
    }

    [Fact]
    public void AConfidenceDipWithoutStructuralChangeKeepsThePublishedVersionAndListsTheChangedEdges()
    {
        var published = Published();
        // notify:send missing from most of one slice: still main (support 0.84) but unstable.
        var inferred = Infer(NextHour(107, (slice, i) => slice == 4 && i % 5 != 0 ? WithoutNotify() : Stable()), published, Later);
        var decision = TopologyDecider.Decide(inferred, published);
        Assert.Equal(TopologyDecisionKind.Unchanged, decision.Kind);
        Assert.True(decision.Reasons.HasFlag(DecisionReasons.LowConfidence));
        var change = Assert.Single(decision.Diff!.ChangedEdges);
        Assert.Equal((Execute, Notify), (change.Caller, change.Callee));
        Assert.Equal(1.0, change.OldSupport);
        Assert.Equal(0.84, change.NewSupport, 12);
        Assert.True(change.NewConfidence < change.OldConfidence - 0.05);
    }

    [Fact]
    public void DriftFromAThinSampleDoesNotOverturnThePublishedVersion()
    {
        var published = Published();
        var inferred = Infer(new TraceGenerator(108).Many(10, _ => WithoutNotify(), from: T0.AddHours(1)), published, Later);
        var decision = TopologyDecider.Decide(inferred, published);
        Assert.Equal(TopologyDecisionKind.Unchanged, decision.Kind);
        Assert.Equal(DecisionReasons.EdgesRemoved | DecisionReasons.LowConfidence | DecisionReasons.InsufficientTraces, decision.Reasons);
    }

    [Fact]
    public void DriftFromAnAdminEditedVersionAlwaysNeedsAnAdmin()
    {
        var edited = TopologyEditor.Apply(Published(), [new TopologyEdit.AddNode(new("archive", "store"))], "admin", Now);
        var inferred = Infer(NextHour(109, (_, _) => WithFraudCheck()), edited, Later);

        var decision = TopologyDecider.Decide(inferred, edited);
        Assert.Equal(TopologyDecisionKind.Pending, decision.Kind);
        Assert.Equal(DecisionReasons.EdgesAdded | DecisionReasons.HighConfidence | DecisionReasons.PublishedIsEdited, decision.Reasons);

        // And a sporadic-only change does not replace the edit either.
        var sporadic = Infer(NextHour(110, (_, i) => i % 50 == 7 ? FailedWithCompensation() : Stable()), edited, Later);
        Assert.Equal(TopologyDecisionKind.Unchanged, TopologyDecider.Decide(sporadic, edited).Kind);
    }
}
