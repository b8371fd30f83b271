using System.Text.Json.Serialization;

namespace Portal.Core.Topology;

/// <summary>One change an admin makes to a topology. Serialised with an "op" discriminator.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(AddEdge), "addEdge")]
[JsonDerivedType(typeof(RemoveEdge), "removeEdge")]
[JsonDerivedType(typeof(AddNode), "addNode")]
[JsonDerivedType(typeof(RemoveNode), "removeNode")]
public abstract record TopologyEdit
{
    private TopologyEdit() { }

    /// <summary>
    /// Adds caller → callee to the main path (adding missing nodes), or confirms an existing sporadic edge as main.
    /// <paramref name="Order"/> places it among the caller's main-path edges (0 first); null appends it.
    /// </summary>
    public sealed record AddEdge(TopologyNodeKey Caller, TopologyNodeKey Callee, int? Order = null) : TopologyEdit;

    /// <summary>Removes caller → callee; nothing happens when there is no such edge.</summary>
    public sealed record RemoveEdge(TopologyNodeKey Caller, TopologyNodeKey Callee) : TopologyEdit;

    /// <summary>Adds an isolated main-path node; nothing happens when it exists.</summary>
    public sealed record AddNode(TopologyNodeKey Node) : TopologyEdit;

    /// <summary>Removes a node and every edge to or from it; the root cannot be removed.</summary>
    public sealed record RemoveNode(TopologyNodeKey Node) : TopologyEdit;
}

/// <summary>Applies an admin's edits to a topology, producing a new version marked as edited. Pure.</summary>
public static class TopologyEditor
{
    /// <summary>
    /// Applies <paramref name="edits"/> in order and returns a new version with <see cref="TopologyOrigin.Edited"/>,
    /// <paramref name="editedBy"/> and <paramref name="editedAt"/>; <paramref name="topology"/> is not changed.
    /// </summary>
    /// <remarks>
    /// An edge the admin adds or confirms is a main-path edge with confidence 1 and no reasons; a new one has support 0,
    /// occurrences 0, first/last seen = <paramref name="editedAt"/>, depth = its caller's depth + 1. Each touched
    /// caller's edges are renumbered 0, 1, 2… (main path first). Node categories follow the edges (main when an end of a
    /// main-path edge, the root, or added by an admin), and the topology's confidence is recomputed with
    /// <see cref="TopologyInference.TopologyConfidence"/> — removing a weak edge raises it, adding one never lowers it.
    /// </remarks>
    /// <exception cref="ArgumentException">An edit removes the root.</exception>
    public static InferredTopology Apply(
        InferredTopology topology,
        IEnumerable<TopologyEdit> edits,
        string editedBy,
        DateTime editedAt,
        TopologyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(edits);
        ArgumentException.ThrowIfNullOrEmpty(editedBy);
        options ??= TopologyOptions.Default;

        var nodes = topology.Nodes.ToDictionary(n => n.Key);
        var edges = topology.Edges.ToList();
        var pinned = topology.Nodes.Where(n => n.Category == EdgeCategory.Main && !edges.Any(e => e.Caller == n.Key || e.Callee == n.Key))
            .Select(n => n.Key).ToHashSet();

        foreach (var edit in edits)
        {
            switch (edit)
            {
                case TopologyEdit.AddNode add:
                    if (nodes.TryAdd(add.Node, new TopologyNode(add.Node, 0, 0, EdgeCategory.Main))) pinned.Add(add.Node);
                    break;
                case TopologyEdit.RemoveNode remove:
                    if (remove.Node == topology.Root) throw new ArgumentException($"The root {remove.Node} cannot be removed.", nameof(edits));
                    nodes.Remove(remove.Node);
                    pinned.Remove(remove.Node);
                    var callers = edges.Where(e => e.Callee == remove.Node).Select(e => e.Caller).ToHashSet();
                    edges.RemoveAll(e => e.Caller == remove.Node || e.Callee == remove.Node);
                    foreach (var caller in callers) Renumber(edges, caller, null);
                    break;
                case TopologyEdit.RemoveEdge remove:
                    if (edges.RemoveAll(e => e.Caller == remove.Caller && e.Callee == remove.Callee) > 0) Renumber(edges, remove.Caller, null);
                    break;
                case TopologyEdit.AddEdge add:
                    AddEdge(topology, nodes, edges, add, editedAt);
                    break;
                default:
                    throw new ArgumentException($"Unknown edit {edit?.GetType().Name ?? "null"}.", nameof(edits));
            }
        }

        var mainEnds = new HashSet<TopologyNodeKey>(pinned) { topology.Root };
        foreach (var edge in edges)
            if (edge.Category == EdgeCategory.Main) { mainEnds.Add(edge.Caller); mainEnds.Add(edge.Callee); }
        var finalNodes = nodes.Values
            .OrderBy(n => n.Key)
            .Select(n => n with { Category = mainEnds.Contains(n.Key) ? EdgeCategory.Main : EdgeCategory.Sporadic })
            .ToList();
        var finalEdges = edges.OrderBy(e => e.Caller).ThenBy(e => e.Order).ThenBy(e => e.Callee).ToList();

        return topology with
        {
            Nodes = finalNodes,
            Edges = finalEdges,
            Confidence = TopologyInference.TopologyConfidence(finalEdges, topology.TraceCount, options),
            Origin = TopologyOrigin.Edited,
            EditedBy = editedBy,
            EditedAt = editedAt,
        };
    }

    private static void AddEdge(InferredTopology topology, Dictionary<TopologyNodeKey, TopologyNode> nodes, List<TopologyEdge> edges, TopologyEdit.AddEdge add, DateTime editedAt)
    {
        var callerDepth = nodes.TryGetValue(add.Caller, out var callerNode) ? callerNode.Depth : 0;
        if (callerNode is null) nodes[add.Caller] = new TopologyNode(add.Caller, 0, 0, EdgeCategory.Main);
        if (!nodes.ContainsKey(add.Callee)) nodes[add.Callee] = new TopologyNode(add.Callee, callerDepth + 1, 0, EdgeCategory.Main);

        var index = edges.FindIndex(e => e.Caller == add.Caller && e.Callee == add.Callee);
        TopologyEdge edge;
        if (index >= 0)
        {
            edge = edges[index] with { Category = EdgeCategory.Main, Reasons = SporadicReasons.None, Confidence = 1 };
            edges.RemoveAt(index);
        }
        else
        {
            edge = new TopologyEdge(add.Caller, add.Callee, Support: 0, Occurrences: 0, Samples: topology.TraceCount,
                FirstSeen: editedAt, LastSeen: editedAt, Order: 0, Depth: callerDepth + 1, Confidence: 1,
                EdgeCategory.Main, SporadicReasons.None, SupportLowerBound: 0, Stability: 1, ErrorShare: 0, RetryShare: 0,
                StartOffsetMicros: 0, SliceSupports: []);
        }
        Renumber(edges, add.Caller, (edge, add.Order));
    }

    /// <summary>Renumbers <paramref name="caller"/>'s edges 0, 1, 2… (main path first, by current order), inserting <paramref name="insert"/> among the main-path edges.</summary>
    private static void Renumber(List<TopologyEdge> edges, TopologyNodeKey caller, (TopologyEdge Edge, int? Order)? insert)
    {
        var mine = edges.Where(e => e.Caller == caller).OrderBy(e => e.Category).ThenBy(e => e.Order).ThenBy(e => e.Callee).ToList();
        edges.RemoveAll(e => e.Caller == caller);
        if (insert is { } ins)
        {
            var mainCount = mine.Count(e => e.Category == EdgeCategory.Main);
            mine.Insert(Math.Clamp(ins.Order ?? mainCount, 0, mainCount), ins.Edge);
        }
        for (var i = 0; i < mine.Count; i++) edges.Add(mine[i] with { Order = i });
    }
}
