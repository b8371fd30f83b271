using Portal.Core.Topology;
using static Portal.Core.Tests.Topology.TraceGenerator;
using static Portal.Core.Tests.Topology.Trees;

namespace Portal.Core.Tests.Topology;

public class TopologyLayoutTests
{
    private static readonly DateTime Now = T0.AddHours(1);

    [Fact]
    public void ColumnsAreCallDepthAndRowsReplayTheCallOrder()
    {
        var topology = TopologyInference.Infer("transfer", new TraceGenerator(300).Many(100, _ => Stable()), Now)!;
        var layout = TopologyLayout.Layered(topology);

        // gateway; accounts:debit; ledger:post (its callee); payments:execute; notify:send (ledger:post already placed).
        Assert.Equal(
            [(Gateway, 0, 0), (Debit, 1, 1), (Post, 2, 2), (Execute, 1, 3), (Notify, 2, 4)],
            layout.Select(p => (p.Node, p.Column, p.Row)));
    }

    [Fact]
    public void TheLayoutIsDeterministic()
    {
        var traces = new TraceGenerator(301).Many(300, i => i % 50 == 7 ? FailedWithCompensation() : i % 3 == 0 ? WithFraudCheck() : Stable());
        var a = TopologyInference.Infer("transfer", traces, Now)!;
        var b = TopologyInference.Infer("transfer", Enumerable.Reverse(traces), Now)!;
        var shuffled = a with { Edges = a.Edges.Reverse().ToList(), Nodes = a.Nodes.Reverse().ToList() };

        var expected = TopologyLayout.Layered(a, includeSporadic: true);
        Assert.Equal(expected, TopologyLayout.Layered(b, includeSporadic: true));
        Assert.Equal(expected, TopologyLayout.Layered(shuffled, includeSporadic: true));
        Assert.Equal(Enumerable.Range(0, expected.Count), expected.Select(p => p.Row));
        Assert.Equal(expected.Count, expected.Select(p => p.Node).Distinct().Count());
    }

    [Fact]
    public void SporadicNodesAreDrawnOnlyOnRequest()
    {
        var traces = new TraceGenerator(302).Many(500, i => i % 50 == 7 ? FailedWithCompensation() : Stable());
        var topology = TopologyInference.Infer("transfer", traces, Now)!;

        Assert.DoesNotContain(TopologyLayout.Layered(topology), p => p.Node == Reverse);
        var all = TopologyLayout.Layered(topology, includeSporadic: true);
        var reverse = all.Single(p => p.Node == Reverse);
        Assert.Equal((2, EdgeCategory.Sporadic), (reverse.Column, reverse.Category));
        // payments calls ledger:post, notify:send, then (sporadically) compensation:reverse.
        Assert.Equal(all.Single(p => p.Node == Notify).Row + 1, reverse.Row);
    }

    [Fact]
    public void NodesTheWalkDoesNotReachFollowInKeyOrder()
    {
        var topology = TopologyInference.Infer("transfer", new TraceGenerator(303).Many(100, _ => Stable()), Now)!;
        var edited = TopologyEditor.Apply(topology,
            [new TopologyEdit.AddNode(new("zeta", "x")), new TopologyEdit.AddNode(new("alpha", "y"))], "admin", Now);
        var layout = TopologyLayout.Layered(edited);
        Assert.Equal([(new TopologyNodeKey("alpha", "y"), 0, 5), (new TopologyNodeKey("zeta", "x"), 0, 6)],
            layout.Skip(5).Select(p => (p.Node, p.Column, p.Row)));
    }
}
