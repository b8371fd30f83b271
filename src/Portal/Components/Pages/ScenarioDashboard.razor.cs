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

    [Parameter] public string Code { get; set; } = "";

    [SupplyParameterFromQuery(Name = "range")] public string? Range { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

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
            scenario = await Store.ScenarioAsync(Code, CancellationToken.None);
            published = await Store.PublishedAsync(Code, CancellationToken.None);
            pending = (await Store.PendingAsync(CancellationToken.None)).LastOrDefault(v => v.Scenario == Code);
            total = Figures.Of((await FigureSource.ScenarioAsync(Code, from, to, CancellationToken.None)).Total, range.Span);
            if (published is null) return;
            var topology = published.Topology;
            figures = await FigureSource.ForAsync(topology, from, to, CancellationToken.None);
            // Live, the flow starts from the same trailing window the page then polls, so the first second does not jump.
            var flow = range.IsLive ? await FigureSource.ForAsync(topology, to - Options.Value.FlowWindow, to, CancellationToken.None) : figures;
            placements = TopologyLayout.Layered(topology);
            linkGraph = TopologyGraph.Dashboard(topology, flow, layered: false);
            callGraph = TopologyGraph.Dashboard(topology, figures, layered: true);
        }
        catch (Npgsql.NpgsqlException e)
        {
            error = $"The database did not answer: {e.Message}";
            Loads.Failed();
        }
    }
}
