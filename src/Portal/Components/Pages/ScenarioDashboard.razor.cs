using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Portal.Components.Ui;
using Portal.Core.Topology;
using Portal.Scenarios;

namespace Portal.Components.Pages;

public partial class ScenarioDashboard
{
    [Inject] private TopologyStore Store { get; set; } = default!;
    [Inject] private ScenarioFigures FigureSource { get; set; } = default!;
    [Inject] private IOptions<ScenarioOptions> Options { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UrlLoads Loads { get; set; } = default!;
    [Inject] private PrerenderHandoff Handoff { get; set; } = default!;

    [Parameter] public string Code { get; set; } = "";

    [SupplyParameterFromQuery(Name = "range")] public string? Range { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    /// <summary>Where the prerender left what it read for the first interactive render (see <see cref="PrerenderHandoff"/>).</summary>
    [PersistentState] public string? HandoffKey { get; set; }

    private TimeRange range = default!;
    private ScenarioInfo? scenario;
    private TopologyVersion? published;
    private TopologyVersion? pending;
    private Figures total = Figures.None;
    private TopologyFigures figures = new(new Dictionary<string, Figures>(), new Dictionary<string, Figures>());
    private IReadOnlyList<NodePlacement> placements = [];
    private string linkGraph = "";
    private string callGraph = "";
    private string? error;

    private string RangeHint => range.IsLive ? "last 15 minutes" : range.IsCustom ? "custom range" : $"last {range.Key}";

    private string LinkSubtitle => range.IsLive
        ? $"live flow over the last {Options.Value.FlowWindow.TotalSeconds:0} s: speed and width follow the volume, colour the success rate and p95"
        : $"{RangeHint}: width follows the volume, colour the success rate and p95";

    protected override async Task OnParametersSetAsync()
    {
        range = TimeRange.Parse(Range, From, To, DateTimeOffset.UtcNow, defaultKey: "live");
        var (from, to) = (range.From.UtcDateTime, range.To.UtcDateTime);
        if (!Loads.Begin()) return;
        error = null;
        try
        {
            var url = Navigation.Uri;
            var (data, key) = await Handoff.LoadAsync(HandoffKey, url, RendererInfo.IsInteractive, () => LoadAsync(from, to));
            if (!Loads.IsCurrent(url)) return;
            HandoffKey = key;
            (scenario, published, pending, total) = (data.Scenario, data.Published, data.Pending, data.Total);
            if (data.Graphs is not { } graphs) return;
            (figures, placements, linkGraph, callGraph) = (graphs.Figures, graphs.Placements, graphs.LinkGraph, graphs.CallGraph);
        }
        catch (Npgsql.NpgsqlException e)
        {
            error = $"The database did not answer: {e.Message}";
            Loads.Failed();
        }
    }

    private async Task<DashboardData> LoadAsync(DateTime from, DateTime to)
    {
        var info = await Store.ScenarioAsync(Code, CancellationToken.None);
        var version = await Store.PublishedAsync(Code, CancellationToken.None);
        var waiting = (await Store.PendingAsync(CancellationToken.None)).LastOrDefault(v => v.Scenario == Code);
        var scenarioTotal = Figures.Of((await FigureSource.ScenarioAsync(Code, from, to, CancellationToken.None)).Total, range.Span);
        if (version is null) return new DashboardData(info, null, waiting, scenarioTotal, null);
        var topology = version.Topology;
        var rangeFigures = await FigureSource.ForAsync(topology, from, to, CancellationToken.None);
        // Live, the flow starts from the same trailing window the page then polls, so the first second does not jump.
        var flow = range.IsLive ? await FigureSource.ForAsync(topology, to - Options.Value.FlowWindow, to, CancellationToken.None) : rangeFigures;
        return new DashboardData(info, version, waiting, scenarioTotal, new GraphData(rangeFigures, TopologyLayout.Layered(topology),
            TopologyGraph.Dashboard(topology, flow, layered: false), TopologyGraph.Dashboard(topology, rangeFigures, layered: true)));
    }

    private sealed record DashboardData(ScenarioInfo? Scenario, TopologyVersion? Published, TopologyVersion? Pending, Figures Total, GraphData? Graphs);

    private sealed record GraphData(TopologyFigures Figures, IReadOnlyList<NodePlacement> Placements, string LinkGraph, string CallGraph);
}
