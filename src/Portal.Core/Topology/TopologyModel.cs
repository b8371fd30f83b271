using System.Text.Json.Serialization;

namespace Portal.Core.Topology;

/// <summary>The identity of a topology node: one interface (endpoint) of one service.</summary>
public readonly record struct TopologyNodeKey(string Service, string Endpoint) : IComparable<TopologyNodeKey>
{
    /// <summary>Ordinal order by service, then endpoint: the tie-breaker that keeps every output deterministic.</summary>
    public int CompareTo(TopologyNodeKey other)
    {
        var byService = string.CompareOrdinal(Service, other.Service);
        return byService != 0 ? byService : string.CompareOrdinal(Endpoint, other.Endpoint);
    }

    public override string ToString() => $"{Service}:{Endpoint}";
}

/// <summary>Whether an edge (or node) belongs to the scenario's regular call path or only shows up now and then.</summary>
public enum EdgeCategory
{
    /// <summary>Part of the scenario's regular call path: drawn in the business call graph, watched for drift.</summary>
    Main = 0,
    /// <summary>Rare, error-driven or retry-driven: kept apart from the main path (drawn dashed, ignored by drift).</summary>
    Sporadic = 1,
}

/// <summary>Why an edge was classed <see cref="EdgeCategory.Sporadic"/>; several reasons may hold at once.</summary>
[Flags]
public enum SporadicReasons
{
    None = 0,
    /// <summary>Support below the main-path threshold (see <see cref="TopologyOptions.MainPathSupport"/>).</summary>
    LowSupport = 1,
    /// <summary>Present mostly in failed traces (see <see cref="TopologyOptions.ErrorPathShare"/>).</summary>
    ErrorPath = 2,
    /// <summary>Mostly called repeatedly by the same caller span: retries or polling (see <see cref="TopologyOptions.RetryShare"/>).</summary>
    Retry = 4,
}

/// <summary>How a topology version came to be.</summary>
public enum TopologyOrigin
{
    /// <summary>Learnt from call records by <see cref="TopologyInference"/>.</summary>
    Inferred = 0,
    /// <summary>Changed by an admin with <see cref="TopologyEditor"/>; never replaced automatically.</summary>
    Edited = 1,
}

/// <summary>One node of a scenario topology.</summary>
/// <param name="Key">Service and endpoint.</param>
/// <param name="Depth">Smallest distance from the trace root seen, in calls (root = 0); for a node an admin added, 0 or its caller's depth + 1.</param>
/// <param name="Support">Share of the scenario's traces that contain the node (0 for a node an admin added).</param>
/// <param name="Category">Main when it is the root or an end of a main-path edge (or an admin added it); otherwise Sporadic.</param>
public sealed record TopologyNode(TopologyNodeKey Key, int Depth, double Support, EdgeCategory Category);

/// <summary>One caller → callee edge of a scenario topology, with the evidence behind it.</summary>
/// <param name="Caller">The calling node.</param>
/// <param name="Callee">The called node.</param>
/// <param name="Support">Occurrences / Samples: share of the scenario's traces that contain the edge at least once.</param>
/// <param name="Occurrences">Number of traces that contain the edge.</param>
/// <param name="Samples">Number of the scenario's traces seen (the denominator of <paramref name="Support"/>).</param>
/// <param name="FirstSeen">Earliest start of a callee span on this edge (UTC).</param>
/// <param name="LastSeen">Latest start of a callee span on this edge (UTC).</param>
/// <param name="Order">Position among the caller's outgoing edges, 0 first: main-path edges first, by median call rank
/// (which call the caller makes first), then mean start offset from the caller, then callee key.</param>
/// <param name="Depth">Distance of the callee from the root (a root's direct callees have depth 1); the smallest seen.</param>
/// <param name="Confidence">Wilson lower bound on support × stability across time slices, in [0, 1]; 1 for an edge an admin added.</param>
/// <param name="Category">Main or Sporadic.</param>
/// <param name="Reasons">Why the edge is sporadic (None for a main-path edge).</param>
/// <param name="SupportLowerBound">The Wilson score interval's lower bound on support.</param>
/// <param name="Stability">1 − excess dispersion of the per-slice support relative to its mean, in [0, 1].</param>
/// <param name="ErrorShare">Share of the traces containing the edge that failed (any span in error).</param>
/// <param name="RetryShare">Share of the traces containing the edge in which one caller span called the callee more than once.</param>
/// <param name="StartOffsetMicros">Mean start offset of the callee span from its caller span's start, in microseconds.</param>
/// <param name="SliceSupports">The edge's support in each non-empty time slice, oldest first.</param>
public sealed record TopologyEdge(
    TopologyNodeKey Caller,
    TopologyNodeKey Callee,
    double Support,
    int Occurrences,
    int Samples,
    DateTime FirstSeen,
    DateTime LastSeen,
    int Order,
    int Depth,
    double Confidence,
    EdgeCategory Category,
    SporadicReasons Reasons,
    double SupportLowerBound,
    double Stability,
    double ErrorShare,
    double RetryShare,
    double StartOffsetMicros,
    IReadOnlyList<double> SliceSupports)
{
    /// <summary>The caller → callee pair that identifies the edge within a topology.</summary>
    [JsonIgnore]
    public (TopologyNodeKey Caller, TopologyNodeKey Callee) Key => (Caller, Callee);

    public override string ToString() => $"{Caller} -> {Callee} ({Category}, support {Support:0.###}, confidence {Confidence:0.###})";
}

/// <summary>
/// One version of a scenario's topology: what <see cref="TopologyInference"/> learnt from a sample of traces,
/// or what an admin made of it. Immutable; the host stores every version as JSON.
/// </summary>
/// <param name="Scenario">The scenario code (see <see cref="ScenarioIdentity"/>).</param>
/// <param name="Root">The scenario's entry node.</param>
/// <param name="Nodes">Every node, ordered by key.</param>
/// <param name="Edges">Every edge (main path and sporadic), ordered by caller key, then <see cref="TopologyEdge.Order"/>.</param>
/// <param name="Confidence">Coverage factor × the smallest main-path edge confidence (see <see cref="TopologyInference"/>).</param>
/// <param name="TraceCount">Traces of the scenario the inference used.</param>
/// <param name="SliceCount">Non-empty time slices the traces fell into.</param>
/// <param name="InferredAt">When the inference ran (UTC).</param>
/// <param name="Origin">Inferred or Edited.</param>
/// <param name="EditedBy">Who edited it, for an edited version.</param>
/// <param name="EditedAt">When it was edited, for an edited version.</param>
public sealed record InferredTopology(
    string Scenario,
    TopologyNodeKey Root,
    IReadOnlyList<TopologyNode> Nodes,
    IReadOnlyList<TopologyEdge> Edges,
    double Confidence,
    int TraceCount,
    int SliceCount,
    DateTime InferredAt,
    TopologyOrigin Origin = TopologyOrigin.Inferred,
    string? EditedBy = null,
    DateTime? EditedAt = null)
{
    /// <summary>The main-path edges, in <see cref="Edges"/> order.</summary>
    [JsonIgnore]
    public IEnumerable<TopologyEdge> MainPath => Edges.Where(e => e.Category == EdgeCategory.Main);

    /// <summary>The sporadic edges, in <see cref="Edges"/> order.</summary>
    [JsonIgnore]
    public IEnumerable<TopologyEdge> SporadicEdges => Edges.Where(e => e.Category == EdgeCategory.Sporadic);

    /// <summary>The edge from <paramref name="caller"/> to <paramref name="callee"/>, or null.</summary>
    public TopologyEdge? FindEdge(TopologyNodeKey caller, TopologyNodeKey callee) =>
        Edges.FirstOrDefault(e => e.Caller == caller && e.Callee == callee);
}
