using System.Globalization;
using System.Text.Json;
using Portal.Components.Ui;
using Portal.Core.Topology;
using Portal.Core.Windowing;

namespace Portal.Scenarios;

/// <summary>
/// Turns a topology into the data-graph JSON that wwwroot/js/graph.js draws: the review graphs (added, removed and
/// sporadic marked) and the scenario dashboards' graphs (figures on nodes and edges, health tones, preset positions).
/// </summary>
public static class TopologyGraph
{
    private const int ColumnWidth = 280, RowHeight = 84;

    /// <summary>A node's id in the graphs and the flow feed: its endpoint series key, "service endpoint".</summary>
    public static string NodeId(TopologyNodeKey key) => WindowKey.ForEndpoint(key.Service, key.Endpoint).Key;

    public static string EdgeId(TopologyEdge edge) => NodeId(edge.Caller) + WindowKey.EdgeSeparator + NodeId(edge.Callee);

    /// <summary>The service page of a node, opened on a click.</summary>
    public static string NodeUrl(TopologyNodeKey key) =>
        $"/services/{Uri.EscapeDataString(key.Service)}?endpoint={Uri.EscapeDataString(key.Endpoint)}";

    /// <summary>
    /// One side of the review's comparison: <paramref name="shown"/> with what <paramref name="other"/> lacks marked
    /// <c>added</c> (on the proposal) or <c>removed</c> (on the published side), and sporadic edges and nodes marked <c>sporadic</c>.
    /// </summary>
    public static string Review(InferredTopology shown, InferredTopology? other, bool shownIsProposal)
    {
        var change = shownIsProposal ? "added" : "removed";
        var otherNodes = other?.Nodes.Select(n => n.Key).ToHashSet();
        var otherEdges = other?.Edges.Select(e => e.Key).ToHashSet();
        var nodes = shown.Nodes.Select(n => new
        {
            id = NodeId(n.Key),
            label = Label(n.Key),
            classes = Classes(n.Category == EdgeCategory.Sporadic ? "sporadic" : null, otherNodes?.Contains(n.Key) == false ? change : null),
            details = new Dictionary<string, string>
            {
                ["service"] = n.Key.Service, ["endpoint"] = n.Key.Endpoint, ["depth"] = Number(n.Depth), ["support"] = Ratio(n.Support),
            },
        });
        var edges = shown.Edges.Select(e => new
        {
            id = EdgeId(e),
            source = NodeId(e.Caller),
            target = NodeId(e.Callee),
            label = Ratio(e.Confidence),
            classes = Classes(e.Category == EdgeCategory.Sporadic ? "sporadic" : null, otherEdges?.Contains(e.Key) == false ? change : null),
        });
        return JsonSerializer.Serialize(new { nodes, edges });
    }

    /// <summary>
    /// The published main path with each node's and edge's figures: the business link graph (laid out by ELK), or with
    /// <paramref name="layered"/> the business call graph (depth left to right, call order top to bottom, from
    /// <see cref="TopologyLayout.Layered"/>).
    /// </summary>
    public static string Dashboard(InferredTopology topology, TopologyFigures figures, bool layered)
    {
        var placements = TopologyLayout.Layered(topology).ToDictionary(p => p.Node);
        var nodes = topology.Nodes.Where(n => placements.ContainsKey(n.Key)).Select(n =>
        {
            var f = figures.Node(n.Key);
            var at = placements[n.Key];
            return new
            {
                id = NodeId(n.Key),
                label = $"{Label(n.Key)}\n{FigureText.Short(f)}",
                classes = Classes("figures", ToneClass(f.Tone)),
                url = NodeUrl(n.Key),
                x = layered ? at.Column * ColumnWidth : (int?)null,
                y = layered ? at.Row * RowHeight : (int?)null,
                details = FigureText.Details(n.Key, f),
            };
        });
        var drawn = topology.MainPath.Where(e => placements.ContainsKey(e.Caller) && placements.ContainsKey(e.Callee)).ToList();
        var busiest = drawn.Select(e => figures.Edge(e).RatePerSecond).DefaultIfEmpty(0).Max();
        var edges = drawn.Select(e =>
        {
            var f = figures.Edge(e);
            return new
            {
                id = EdgeId(e),
                source = NodeId(e.Caller),
                target = NodeId(e.Callee),
                label = FigureText.Rate(f),
                classes = Classes(layered ? null : "flow", ToneClass(f.Tone)),
                rate = f.RatePerSecond,
                width = FlowWidth(f.RatePerSecond, busiest),
            };
        });
        return JsonSerializer.Serialize(new { nodes, edges });
    }

    /// <summary>An edge's line width in pixels: thin when idle, up to 8 for the busiest edge of the graph.</summary>
    public static double FlowWidth(double rate, double busiest) => busiest > 0 ? Math.Round(1.5 + 6.5 * rate / busiest, 2) : 1.5;

    public static string ToneClass(Tone tone) => "tone-" + (tone.CssName() ?? "idle");

    private static string Label(TopologyNodeKey key) => $"{key.Service} · {key.Endpoint}";

    private static string[] Classes(params string?[] classes) => classes.OfType<string>().ToArray();

    private static string Ratio(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
