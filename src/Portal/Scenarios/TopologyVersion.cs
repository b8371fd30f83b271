using Portal.Core.Topology;

namespace Portal.Scenarios;

/// <summary>Where a stored topology version stands. Stored as text: the names are the column values.</summary>
public enum TopologyStatus
{
    /// <summary>The version the scenario dashboards draw; at most one per scenario.</summary>
    Published,
    /// <summary>Waiting for an admin to confirm, reject or edit it.</summary>
    Pending,
    /// <summary>An admin turned it down.</summary>
    Rejected,
    /// <summary>Replaced by a newer published version, or a stale proposal replaced by a newer one.</summary>
    Superseded,
}

/// <summary>A few traces that contain one edge, for the admin to open.</summary>
public sealed record EdgeExamples(TopologyNodeKey Caller, TopologyNodeKey Callee, IReadOnlyList<string> TraceIds);

/// <summary>One stored version of a scenario's topology with its review trail.</summary>
public sealed record TopologyVersion(
    long Id,
    string Scenario,
    int Version,
    TopologyStatus Status,
    TopologyOrigin Origin,
    InferredTopology Topology,
    TopologyDiff? Diff,
    IReadOnlyList<EdgeExamples> Examples,
    double Confidence,
    int TraceCount,
    string Explanation,
    long? BasedOn,
    DateTime CreatedAt,
    string CreatedBy,
    string? DecidedBy,
    DateTime? DecidedAt,
    string? Note)
{
    /// <summary>The example traces of one edge (none when the version holds no examples for it).</summary>
    public IReadOnlyList<string> ExamplesOf(TopologyNodeKey caller, TopologyNodeKey callee) =>
        Examples.FirstOrDefault(e => e.Caller == caller && e.Callee == callee)?.TraceIds ?? [];
}

/// <summary>A business scenario as the portal knows it: its code from the call records, and what admins wrote about it.</summary>
public sealed record ScenarioInfo(
    string Code,
    string? DisplayName,
    string? Description,
    DateTime FirstSeen,
    DateTime LastSeen,
    DateTime? LastInferredAt,
    string? LastDecision)
{
    /// <summary>The name to show: the admin's display name, else the code.</summary>
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? Code : DisplayName;
}
