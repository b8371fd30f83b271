using Microsoft.AspNetCore.Components;
using Portal.Components.Interop;
using Portal.Components.Ui;
using Portal.Core.Windowing;
using Portal.Live;
using Portal.Queries;
using Portal.Scenarios;

namespace Portal.Components.Pages;

public partial class Scenarios
{
    [Inject] private TopologyStore Store { get; set; } = default!;
    [Inject] private ScenarioFigures FigureSource { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UrlLoads Loads { get; set; } = default!;
    [Inject] private PrerenderHandoff Handoff { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "range")] public string? Range { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    /// <summary>Where the prerender left what it read for the first interactive render (see <see cref="PrerenderHandoff"/>).</summary>
    [PersistentState] public string? HandoffKey { get; set; }

    private TimeRange range = default!;
    private List<ScenarioRow> rows = [];
    private string? error;
    private ElementReference table;

    /// <summary>The live feed's scenario groups of the listed rows (the hub takes a bounded number per page).</summary>
    private string LiveGroupNames => string.Join(" ", rows.Take(LiveHub.MaxGroupsPerCall).Select(r => LiveGroups.For(WindowKey.ForScenario(r.Code))));

    protected override async Task OnParametersSetAsync()
    {
        range = TimeRange.Parse(Range, From, To, DateTimeOffset.UtcNow, defaultKey: "15m");
        if (!Loads.Begin()) return;
        error = null;
        try
        {
            var url = Navigation.Uri;
            var (loaded, key) = await Handoff.LoadAsync(HandoffKey, url, RendererInfo.IsInteractive, LoadRowsAsync);
            if (!Loads.IsCurrent(url)) return;
            rows = loaded;
            HandoffKey = key;
        }
        catch (Npgsql.NpgsqlException e)
        {
            error = $"The database did not answer: {e.Message}";
            Loads.Failed();
        }
    }

    private async Task<List<ScenarioRow>> LoadRowsAsync()
    {
        var known = (await Store.ScenariosAsync(CancellationToken.None)).ToDictionary(s => s.Code);
        var published = await Store.PublishedAllAsync(CancellationToken.None);
        var series = await FigureSource.ScenariosAsync(range.From.UtcDateTime, range.To.UtcDateTime, CancellationToken.None);
        return known.Keys.Union(series.Keys)
            .Select(code => new ScenarioRow(code, known.GetValueOrDefault(code)?.Name ?? code, published.GetValueOrDefault(code),
                series.GetValueOrDefault(code), series.GetValueOrDefault(code) is { } s ? Figures.Of(s.Total, range.Span) : Figures.None))
            .OrderByDescending(r => r.Figures.Count).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The "now" cells follow the live feed (js/scenarios-live.js).</summary>
    protected override Task OnAfterRenderAsync(bool firstRender) =>
        AttachAsync(rows.Count > 0 ? ElementKey.Of(table) : "", "./js/scenarios-live.js", table);

    private sealed record ScenarioRow(string Code, string Name, TopologyVersion? Published, Series? Series, Figures Figures);
}
