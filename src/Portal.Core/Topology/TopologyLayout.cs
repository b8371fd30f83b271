namespace Portal.Core.Topology;

/// <summary>Where a node sits in the layered "business call graph": depth left to right, call order top to bottom.</summary>
/// <param name="Node">The node.</param>
/// <param name="Column">Shortest call distance from the root over the drawn edges (root = 0).</param>
/// <param name="Row">Position in call order: a depth-first walk from the root that visits each caller's edges in
/// <see cref="TopologyEdge.Order"/>; every node has its own row.</param>
/// <param name="Category">The node's category.</param>
public sealed record NodePlacement(TopologyNodeKey Node, int Column, int Row, EdgeCategory Category);

/// <summary>Layered layout of a topology; deterministic for a given topology.</summary>
public static class TopologyLayout
{
    /// <summary>
    /// Places the nodes of <paramref name="topology"/>: the main path only, or every edge when
    /// <paramref name="includeSporadic"/>. Rows follow the depth-first call order from the root (A calls B, B's callees,
    /// then A's next call C), so reading top to bottom replays the transaction; columns are call depth. Nodes the walk
    /// does not reach (isolated nodes an admin added, callers cut off by an edit) follow in key order, in the column of
    /// their <see cref="TopologyNode.Depth"/>. Sorted by row.
    /// </summary>
    public static IReadOnlyList<NodePlacement> Layered(InferredTopology topology, bool includeSporadic = false)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var nodes = topology.Nodes.ToDictionary(n => n.Key);
        var drawn = topology.Edges
            .Where(e => includeSporadic || e.Category == EdgeCategory.Main)
            .OrderBy(e => e.Caller).ThenBy(e => e.Order).ThenBy(e => e.Callee)
            .ToList();
        var children = drawn.GroupBy(e => e.Caller).ToDictionary(g => g.Key, g => g.Select(e => e.Callee).ToList());

        // Columns: breadth-first shortest distance.
        var column = new Dictionary<TopologyNodeKey, int> { [topology.Root] = 0 };
        var queue = new Queue<TopologyNodeKey>();
        queue.Enqueue(topology.Root);
        while (queue.TryDequeue(out var node))
            foreach (var child in children.GetValueOrDefault(node) ?? [])
                if (column.TryAdd(child, column[node] + 1)) queue.Enqueue(child);

        // Rows: depth-first pre-order in call order.
        var placements = new List<NodePlacement>();
        var visited = new HashSet<TopologyNodeKey>();
        var stack = new Stack<TopologyNodeKey>();
        stack.Push(topology.Root);
        while (stack.TryPop(out var node))
        {
            if (!visited.Add(node)) continue;
            placements.Add(new NodePlacement(node, column[node], placements.Count, CategoryOf(nodes, node)));
            var next = children.GetValueOrDefault(node);
            if (next is null) continue;
            for (var i = next.Count - 1; i >= 0; i--)
                if (!visited.Contains(next[i])) stack.Push(next[i]);
        }

        foreach (var node in topology.Nodes.OrderBy(n => n.Key))
        {
            if (visited.Contains(node.Key) || (!includeSporadic && node.Category != EdgeCategory.Main)) continue;
            visited.Add(node.Key);
            placements.Add(new NodePlacement(node.Key, Math.Max(0, node.Depth), placements.Count, node.Category));
        }
        return placements;
    }

    private static EdgeCategory CategoryOf(Dictionary<TopologyNodeKey, TopologyNode> nodes, TopologyNodeKey key) =>
        nodes.TryGetValue(key, out var node) ? node.Category : EdgeCategory.Main;
}
