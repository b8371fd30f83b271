using System.Text.Json;
using Portal.Core.Topology;
using static Portal.Core.Tests.Topology.TraceGenerator;
using static Portal.Core.Tests.Topology.Trees;

namespace Portal.Core.Tests.Topology;

public class TopologyEditorTests
{
    private static readonly DateTime Now = T0.AddHours(1);
    private static readonly DateTime EditTime = T0.AddHours(3);
    private static readonly TopologyNodeKey Archive = new("archive", "store");

    private static InferredTopology Stable500() => TopologyInference.Infer("transfer", new TraceGenerator(200).Many(500, _ => Stable()), Now)!;

    [Fact]
    public void AddingAnEdgeMakesANewEditedVersionAndLeavesTheOriginalAlone()
    {
        var original = Stable500();
        var edited = TopologyEditor.Apply(original, [new TopologyEdit.AddEdge(Execute, Archive)], "alice", EditTime);

        Assert.Equal(TopologyOrigin.Inferred, original.Origin);
        Assert.Null(original.FindEdge(Execute, Archive));
        Assert.Equal(TopologyOrigin.Edited, edited.Origin);
        Assert.Equal("alice", edited.EditedBy);
        Assert.Equal(EditTime, edited.EditedAt);
        Assert.Equal(original.InferredAt, edited.InferredAt);

        var added = edited.FindEdge(Execute, Archive)!;
        Assert.Equal(EdgeCategory.Main, added.Category);
        Assert.Equal(1.0, added.Confidence);
        Assert.Equal(0, added.Occurrences);
        Assert.Equal(2, added.Depth);
        Assert.Equal(2, added.Order); // appended after ledger:post and notify:send
        var node = edited.Nodes.Single(n => n.Key == Archive);
        Assert.Equal((2, EdgeCategory.Main), (node.Depth, node.Category));
        Assert.Equal(original.Confidence, edited.Confidence, 12);
    }

    [Fact]
    public void AnEdgeCanBeInsertedAtAGivenPlaceInTheCallOrder()
    {
        var edited = TopologyEditor.Apply(Stable500(), [new TopologyEdit.AddEdge(Execute, Archive, Order: 1)], "alice", EditTime);
        Assert.Equal([Post, Archive, Notify], edited.Edges.Where(e => e.Caller == Execute).Select(e => e.Callee));
        Assert.Equal([0, 1, 2], edited.Edges.Where(e => e.Caller == Execute).Select(e => e.Order));
    }

    [Fact]
    public void RemovingAnEdgeRenumbersTheCallersEdgesAndLeavesOtherEdgesAlone()
    {
        var original = Stable500();
        var edited = TopologyEditor.Apply(original, [new TopologyEdit.RemoveEdge(Execute, Post)], "bob", EditTime);
        Assert.Null(edited.FindEdge(Execute, Post));
        Assert.Equal(0, edited.FindEdge(Execute, Notify)!.Order);
        Assert.NotNull(edited.FindEdge(Debit, Post));
        Assert.Equal(4, edited.Edges.Count);
        // ledger:post is still called by accounts:debit.
        Assert.Contains(edited.Nodes, n => n.Key == Post && n.Category == EdgeCategory.Main);
        // Removing an edge that is not there changes nothing but the marks.
        var again = TopologyEditor.Apply(edited, [new TopologyEdit.RemoveEdge(Execute, Post)], "bob", EditTime);
        Assert.Equal(edited.Edges, again.Edges);
    }

    [Fact]
    public void ConfirmingASporadicEdgePromotesItToTheMainPath()
    {
        var traces = new TraceGenerator(201).Many(500, i => i % 50 == 7 ? FailedWithCompensation() : Stable());
        var inferred = TopologyInference.Infer("transfer", traces, Now)!;
        Assert.Equal(EdgeCategory.Sporadic, inferred.FindEdge(Execute, Reverse)!.Category);

        var edited = TopologyEditor.Apply(inferred, [new TopologyEdit.AddEdge(Execute, Reverse)], "carol", EditTime);
        var reverse = edited.FindEdge(Execute, Reverse)!;
        Assert.Equal((EdgeCategory.Main, SporadicReasons.None, 1.0), (reverse.Category, reverse.Reasons, reverse.Confidence));
        Assert.Equal(10, reverse.Occurrences); // keeps its evidence
        Assert.Equal(2, reverse.Order);
        Assert.Equal(EdgeCategory.Main, edited.Nodes.Single(n => n.Key == Reverse).Category);
        Assert.Single(edited.Edges, e => e.Key == (Execute, Reverse));
    }

    [Fact]
    public void NodesCanBeAddedAndRemovedButNotTheRoot()
    {
        var original = Stable500();
        var edited = TopologyEditor.Apply(original,
            [new TopologyEdit.AddNode(Archive), new TopologyEdit.RemoveNode(Notify)], "dave", EditTime);

        Assert.Contains(edited.Nodes, n => n.Key == Archive && n.Category == EdgeCategory.Main && n.Support == 0);
        Assert.DoesNotContain(edited.Nodes, n => n.Key == Notify);
        Assert.DoesNotContain(edited.Edges, e => e.Callee == Notify || e.Caller == Notify);
        Assert.Equal(4, edited.Edges.Count);
        Assert.Throws<ArgumentException>(() => TopologyEditor.Apply(original, [new TopologyEdit.RemoveNode(Gateway)], "dave", EditTime));
    }

    [Fact]
    public void RemovingTheWeakestEdgeRaisesTheConfidence()
    {
        var traces = new TraceGenerator(202).Many(500, i => i / 100 == 4 && i % 5 != 0 ? WithoutNotify() : Stable());
        var inferred = TopologyInference.Infer("transfer", traces, Now)!;
        var edited = TopologyEditor.Apply(inferred, [new TopologyEdit.RemoveEdge(Execute, Notify)], "erin", EditTime);
        Assert.True(inferred.Confidence < 0.9);
        Assert.Equal(WilsonScore.LowerBound(500, 500), edited.Confidence, 12);
    }

    [Fact]
    public void TopologiesAndEditsRoundTripThroughJson()
    {
        var edited = TopologyEditor.Apply(Stable500(), [new TopologyEdit.AddEdge(Execute, Archive)], "alice", EditTime);
        var json = JsonSerializer.Serialize(edited);
        Assert.DoesNotContain("\"MainPath\"", json);
        var back = JsonSerializer.Deserialize<InferredTopology>(json)!;
        Assert.Equal(edited.Scenario, back.Scenario);
        Assert.Equal(edited.Root, back.Root);
        Assert.Equal(edited.Nodes, back.Nodes);
        Assert.Equal(edited.Edges.Select(e => e with { SliceSupports = [] }), back.Edges.Select(e => e with { SliceSupports = [] }));
        Assert.Equal(edited.Edges.SelectMany(e => e.SliceSupports), back.Edges.SelectMany(e => e.SliceSupports));
        Assert.Equal((edited.Confidence, edited.Origin, edited.EditedBy, edited.EditedAt), (back.Confidence, back.Origin, back.EditedBy, back.EditedAt));

        TopologyEdit[] edits = [new TopologyEdit.AddEdge(Execute, Archive, 1), new TopologyEdit.RemoveNode(Notify)];
        var editsJson = JsonSerializer.Serialize(edits);
        Assert.Contains("\"op\":\"addEdge\"", editsJson);
        Assert.Equal(edits, JsonSerializer.Deserialize<TopologyEdit[]>(editsJson));
    }
}
