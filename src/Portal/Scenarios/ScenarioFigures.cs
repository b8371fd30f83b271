using Portal.Components.Telemetry;
using Portal.Components.Ui;
using Portal.Core.Topology;
using Portal.Core.Windowing;
using Portal.Queries;

namespace Portal.Scenarios;

/// <summary>Volume, success rate and p95 of one node or edge over a range.</summary>
public sealed record Figures(long Count, long Errors, double RatePerSecond, double? SuccessRate, double? P95Ms)
{
    public static readonly Figures None = new(0, 0, 0, null, null);

    public Tone Tone => HealthTone.Of(Count, Errors, P95Ms);

    public static Figures Of(SeriesPoint total, TimeSpan span) =>
        new(total.Count, total.Errors, span.TotalSeconds > 0 ? Math.Round(total.Count / span.TotalSeconds, 3) : 0, total.SuccessRate, total.P95Ms);
}

/// <summary>The figures of every node (by <see cref="TopologyGraph.NodeId"/>) and edge (by <see cref="TopologyGraph.EdgeId"/>) of a topology.</summary>
public sealed record TopologyFigures(IReadOnlyDictionary<string, Figures> Nodes, IReadOnlyDictionary<string, Figures> Edges)
{
    public Figures Node(TopologyNodeKey key) => Nodes.GetValueOrDefault(TopologyGraph.NodeId(key)) ?? Figures.None;

    public Figures Edge(TopologyEdge edge) => Edges.GetValueOrDefault(TopologyGraph.EdgeId(edge)) ?? Figures.None;
}

/// <summary>
/// Reads a topology's figures from the window series: a node is its endpoint's series ("service endpoint"), an edge the
/// service-to-service edge series (edges between two services share it whatever their endpoints). Stored rollups for a past
/// range, the newest windows from memory for a recent one, as <see cref="SeriesQueries"/> merges them.
/// </summary>
public sealed class ScenarioFigures(SeriesQueries series)
{
    public async Task<TopologyFigures> ForAsync(InferredTopology topology, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var span = toUtc - fromUtc;
        var endpoints = (await series.ScopeAsync(WindowScope.Endpoint, fromUtc, toUtc, null, ct)).ToDictionary(s => s.Key, s => s.Total);
        var edges = (await series.ScopeAsync(WindowScope.Edge, fromUtc, toUtc, null, ct)).ToDictionary(s => s.Key, s => s.Total);
        var nodes = topology.Nodes.ToDictionary(n => TopologyGraph.NodeId(n.Key),
            n => endpoints.TryGetValue(WindowKey.ForEndpoint(n.Key.Service, n.Key.Endpoint).Key, out var total) ? Figures.Of(total, span) : Figures.None);
        var edgeFigures = topology.Edges.ToDictionary(TopologyGraph.EdgeId,
            e => edges.TryGetValue(WindowKey.ForEdge(e.Caller.Service, e.Callee.Service).Key, out var total) ? Figures.Of(total, span) : Figures.None);
        return new TopologyFigures(nodes, edgeFigures);
    }

    /// <summary>The scenario's own curve (its entry calls) over the range.</summary>
    public Task<Series> ScenarioAsync(string code, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        series.GetAsync(WindowKey.ForScenario(code), fromUtc, toUtc, null, ct);

    /// <summary>Every scenario's curve over the range, by code.</summary>
    public async Task<Dictionary<string, Series>> ScenariosAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        (await series.ScopeAsync(WindowScope.Scenario, fromUtc, toUtc, null, ct)).ToDictionary(s => s.Key);
}
