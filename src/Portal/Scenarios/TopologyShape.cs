using Portal.Core.Topology;

namespace Portal.Scenarios;

/// <summary>Compares topologies by what they draw (nodes, edges and their categories), ignoring the evidence figures.</summary>
public static class TopologyShape
{
    public static bool Same(InferredTopology a, InferredTopology b) =>
        a.Root == b.Root
        && a.Nodes.Select(n => (n.Key, n.Category)).ToHashSet().SetEquals(b.Nodes.Select(n => (n.Key, n.Category)))
        && a.Edges.Select(e => (e.Caller, e.Callee, e.Category)).ToHashSet().SetEquals(b.Edges.Select(e => (e.Caller, e.Callee, e.Category)));
}
