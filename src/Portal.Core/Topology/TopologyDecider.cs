namespace Portal.Core.Topology;

/// <summary>What to do with a freshly inferred topology.</summary>
public enum TopologyDecisionKind
{
    /// <summary>Keep the published version; store nothing new (the host may refresh its statistics).</summary>
    Unchanged = 0,
    /// <summary>Store the candidate as a new version and publish it without an admin.</summary>
    Publish = 1,
    /// <summary>Store the candidate as a new pending version and queue it for an admin to confirm, reject or edit.</summary>
    Pending = 2,
}

/// <summary>The facts behind a decision; several may hold.</summary>
[Flags]
public enum DecisionReasons
{
    None = 0,
    /// <summary>No version of the scenario is published yet.</summary>
    FirstVersion = 1,
    /// <summary>Confidence ≥ <see cref="TopologyOptions.PublishConfidence"/> with at least <see cref="TopologyOptions.MinTraces"/> traces.</summary>
    HighConfidence = 2,
    /// <summary>Confidence below <see cref="TopologyOptions.PublishConfidence"/>.</summary>
    LowConfidence = 4,
    /// <summary>Fewer than <see cref="TopologyOptions.MinTraces"/> traces.</summary>
    InsufficientTraces = 8,
    /// <summary>Drift: main-path edges appeared.</summary>
    EdgesAdded = 16,
    /// <summary>Drift: main-path edges vanished (or fell to sporadic).</summary>
    EdgesRemoved = 32,
    /// <summary>The main path is the same; only sporadic edges came or went.</summary>
    SporadicChange = 64,
    /// <summary>The published version was edited by an admin: inference never replaces it on its own.</summary>
    PublishedIsEdited = 128,
    /// <summary>Neither the main path nor the sporadic edges changed.</summary>
    NoChange = 256,
}

/// <summary>A main-path edge on both versions whose confidence (or support) moved.</summary>
public sealed record EdgeChange(
    TopologyNodeKey Caller,
    TopologyNodeKey Callee,
    double OldConfidence,
    double NewConfidence,
    double OldSupport,
    double NewSupport);

/// <summary>The difference between a published topology and a newer one.</summary>
/// <param name="AddedEdges">Main-path edges of the new version that are not on the old main path (new version's records).</param>
/// <param name="RemovedEdges">Main-path edges of the old version that are not on the new main path (old version's records);
/// an edge that fell to sporadic is here and in <paramref name="AddedSporadic"/>.</param>
/// <param name="ChangedEdges">Edges on both main paths whose confidence moved by at least <see cref="TopologyOptions.ConfidenceChange"/>.</param>
/// <param name="AddedSporadic">Sporadic edges of the new version that are not sporadic in the old one.</param>
/// <param name="RemovedSporadic">Sporadic edges of the old version that are not sporadic in the new one.</param>
/// <param name="AddedNodes">Nodes only in the new version.</param>
/// <param name="RemovedNodes">Nodes only in the old version.</param>
/// <param name="OldConfidence">The old version's confidence.</param>
/// <param name="NewConfidence">The new version's confidence.</param>
public sealed record TopologyDiff(
    IReadOnlyList<TopologyEdge> AddedEdges,
    IReadOnlyList<TopologyEdge> RemovedEdges,
    IReadOnlyList<EdgeChange> ChangedEdges,
    IReadOnlyList<TopologyEdge> AddedSporadic,
    IReadOnlyList<TopologyEdge> RemovedSporadic,
    IReadOnlyList<TopologyNodeKey> AddedNodes,
    IReadOnlyList<TopologyNodeKey> RemovedNodes,
    double OldConfidence,
    double NewConfidence)
{
    /// <summary>A main-path edge appeared or disappeared: the topology drifted.</summary>
    public bool HasMainPathChange => AddedEdges.Count > 0 || RemovedEdges.Count > 0;

    /// <summary>Sporadic edges came or went.</summary>
    public bool HasSporadicChange => AddedSporadic.Count > 0 || RemovedSporadic.Count > 0;
}

/// <summary>The outcome of comparing an inferred topology with the published one.</summary>
/// <param name="Kind">Unchanged, Publish or Pending.</param>
/// <param name="Reasons">The facts the rule used.</param>
/// <param name="Candidate">The inferred topology (what to store for Publish or Pending).</param>
/// <param name="Diff">Against the published version; null when there is none.</param>
/// <param name="Explanation">One sentence for the admin's review queue and the audit log.</param>
public sealed record TopologyDecision(
    TopologyDecisionKind Kind,
    DecisionReasons Reasons,
    InferredTopology Candidate,
    TopologyDiff? Diff,
    string Explanation);

/// <summary>
/// Decides whether an inferred topology is published automatically, queued for an admin, or changes nothing.
/// </summary>
/// <remarks>
/// Rules, in order ("confident" = confidence ≥ <see cref="TopologyOptions.PublishConfidence"/> and at least
/// <see cref="TopologyOptions.MinTraces"/> traces):
/// <list type="number">
/// <item>No published version: <b>Publish</b> when confident, else <b>Pending</b>.</item>
/// <item>Same main path as the published version:
///   <b>Publish</b> a refreshed version when only sporadic edges changed and it is confident (and the published
///   version is not an admin's edit); otherwise <b>Unchanged</b> — a confidence dip alone is no reason to bother an
///   admin or to churn versions.</item>
/// <item>Main path drifted, but fewer than <see cref="TopologyOptions.MinTraces"/> traces: <b>Unchanged</b> — a thin
///   sample (a quiet night) cannot overturn a published graph.</item>
/// <item>Main path drifted and an edge vanished: <b>Pending</b>, however confident. A vanished call may be a branch that
///   was merely idle in the sample window, or a feature switched off for a while; erasing it from the business graph
///   loses information, so an admin confirms.</item>
/// <item>Main path drifted over a version an admin edited: <b>Pending</b> — inference never overwrites a human edit.</item>
/// <item>Main path drifted by additions only: <b>Publish</b> when confident (the topology's confidence is the minimum over
///   its main-path edges, so every added edge is itself above the threshold and stable across slices: the new graph is
///   a well-evidenced superset of the old one), else <b>Pending</b>.</item>
/// </list>
/// </remarks>
public static class TopologyDecider
{
    public static TopologyDecision Decide(InferredTopology inferred, InferredTopology? published, TopologyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inferred);
        options ??= TopologyOptions.Default;

        var enoughTraces = inferred.TraceCount >= options.MinTraces;
        var confident = enoughTraces && inferred.Confidence >= options.PublishConfidence;
        var evidence = (confident ? DecisionReasons.HighConfidence : DecisionReasons.LowConfidence)
            | (enoughTraces ? DecisionReasons.None : DecisionReasons.InsufficientTraces);
        var summary = $"confidence {inferred.Confidence:0.###} from {inferred.TraceCount} traces in {inferred.SliceCount} slices";

        if (published is null)
        {
            return confident
                ? new(TopologyDecisionKind.Publish, DecisionReasons.FirstVersion | evidence, inferred, null, $"First version published automatically: {summary}.")
                : new(TopologyDecisionKind.Pending, DecisionReasons.FirstVersion | evidence, inferred, null, $"First version needs an admin: {summary} is below the {options.PublishConfidence:0.###} threshold or the {options.MinTraces}-trace minimum.");
        }

        var diff = Diff(published, inferred, options);
        var edited = published.Origin == TopologyOrigin.Edited ? DecisionReasons.PublishedIsEdited : DecisionReasons.None;

        if (!diff.HasMainPathChange)
        {
            if (!diff.HasSporadicChange)
                return new(TopologyDecisionKind.Unchanged, DecisionReasons.NoChange | evidence | edited, inferred, diff, $"No change to the published topology ({summary}).");
            if (confident && edited == DecisionReasons.None)
                return new(TopologyDecisionKind.Publish, DecisionReasons.SporadicChange | evidence, inferred, diff,
                    $"Only sporadic edges changed ({diff.AddedSporadic.Count} added, {diff.RemovedSporadic.Count} removed); published automatically: {summary}.");
            return new(TopologyDecisionKind.Unchanged, DecisionReasons.SporadicChange | evidence | edited, inferred, diff,
                $"Only sporadic edges changed; the published {(edited != 0 ? "edited " : "")}version stays ({summary}).");
        }

        var drift = (diff.AddedEdges.Count > 0 ? DecisionReasons.EdgesAdded : DecisionReasons.None)
            | (diff.RemovedEdges.Count > 0 ? DecisionReasons.EdgesRemoved : DecisionReasons.None);
        var change = $"{diff.AddedEdges.Count} main-path edge(s) added, {diff.RemovedEdges.Count} removed";

        if (!enoughTraces)
            return new(TopologyDecisionKind.Unchanged, drift | evidence | edited, inferred, diff,
                $"Possible drift ({change}) ignored: only {inferred.TraceCount} traces, fewer than {options.MinTraces}.");
        if (diff.RemovedEdges.Count > 0)
            return new(TopologyDecisionKind.Pending, drift | evidence | edited, inferred, diff,
                $"Drift: {change}; removing a call from the graph needs an admin ({summary}).");
        if (edited != DecisionReasons.None)
            return new(TopologyDecisionKind.Pending, drift | evidence | edited, inferred, diff,
                $"Drift from an admin-edited version: {change}; needs an admin ({summary}).");
        return confident
            ? new(TopologyDecisionKind.Publish, drift | evidence, inferred, diff, $"Drift: {change}; published automatically: {summary}.")
            : new(TopologyDecisionKind.Pending, drift | evidence, inferred, diff, $"Drift: {change}; needs an admin: {summary}.");
    }

    /// <summary>The difference from <paramref name="older"/> to <paramref name="newer"/>; lists are in the versions' edge order.</summary>
    public static TopologyDiff Diff(InferredTopology older, InferredTopology newer, TopologyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        options ??= TopologyOptions.Default;

        var oldMain = older.MainPath.ToDictionary(e => e.Key);
        var newMain = newer.MainPath.ToDictionary(e => e.Key);
        var oldSporadic = older.SporadicEdges.Select(e => e.Key).ToHashSet();
        var newSporadic = newer.SporadicEdges.Select(e => e.Key).ToHashSet();

        var changed = new List<EdgeChange>();
        foreach (var edge in newer.MainPath)
            if (oldMain.TryGetValue(edge.Key, out var old) && Math.Abs(edge.Confidence - old.Confidence) >= options.ConfidenceChange)
                changed.Add(new EdgeChange(edge.Caller, edge.Callee, old.Confidence, edge.Confidence, old.Support, edge.Support));

        var oldNodes = older.Nodes.Select(n => n.Key).ToHashSet();
        var newNodes = newer.Nodes.Select(n => n.Key).ToHashSet();
        return new TopologyDiff(
            newer.MainPath.Where(e => !oldMain.ContainsKey(e.Key)).ToList(),
            older.MainPath.Where(e => !newMain.ContainsKey(e.Key)).ToList(),
            changed,
            newer.SporadicEdges.Where(e => !oldSporadic.Contains(e.Key)).ToList(),
            older.SporadicEdges.Where(e => !newSporadic.Contains(e.Key)).ToList(),
            newer.Nodes.Select(n => n.Key).Where(k => !oldNodes.Contains(k)).ToList(),
            older.Nodes.Select(n => n.Key).Where(k => !newNodes.Contains(k)).ToList(),
            older.Confidence,
            newer.Confidence);
    }
}
