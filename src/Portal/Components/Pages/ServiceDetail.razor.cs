using Microsoft.AspNetCore.Components;
using Portal.Components.Telemetry;
using Portal.Components.Ui;
using Portal.Core.Windowing;
using Portal.Queries;

namespace Portal.Components.Pages;

public partial class ServiceDetail
{
    [Inject] private SeriesQueries Series { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UrlLoads Loads { get; set; } = default!;
    [Inject] private PrerenderHandoff Handoff { get; set; } = default!;

    [Parameter] public string Name { get; set; } = "";

    [SupplyParameterFromQuery(Name = "endpoint")] public string? Endpoint { get; set; }
    [SupplyParameterFromQuery(Name = "range")] public string? Range { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? SortText { get; set; }

    /// <summary>Where the prerender left what it read for the first interactive render (see <see cref="PrerenderHandoff"/>).</summary>
    [PersistentState] public string? HandoffKey { get; set; }

    private TimeRange range = default!;
    private Series? series;
    private IReadOnlyList<Series> endpoints = [];
    private IReadOnlyList<Series> upstream = [];
    private IReadOnlyList<Series> downstream = [];
    private SortOrder sort;
    private string? error;

    private WindowKey Key => string.IsNullOrEmpty(Endpoint) ? WindowKey.ForService(Name) : WindowKey.ForEndpoint(Name, Endpoint);
    private string Title => string.IsNullOrEmpty(Endpoint) ? Name : $"{Name} · {Endpoint}";
    private string Subtitle => string.IsNullOrEmpty(Endpoint) ? "Service: volume, response time and success rate" : "Endpoint of the service";

    private string SelectUrl =>
        $"/traces?service={Uri.EscapeDataString(Name)}" + (string.IsNullOrEmpty(Endpoint) ? "" : $"&endpoint={Uri.EscapeDataString(Endpoint)}") + "&from={from}&to={to}";

    protected override async Task OnParametersSetAsync()
    {
        range = TimeRange.Parse(Range, From, To, DateTimeOffset.UtcNow, defaultKey: "1h");
        sort = SortOrder.Parse(SortText, ServicesTable.SortFields, new SortOrder("count", true));
        var (from, to) = (range.From.UtcDateTime, range.To.UtcDateTime);
        if (!Loads.Begin()) return;
        error = null;
        try
        {
            var url = Navigation.Uri;
            var (data, key) = await Handoff.LoadAsync(HandoffKey, url, RendererInfo.IsInteractive, () => LoadAsync(from, to));
            if (!Loads.IsCurrent(url)) return;
            HandoffKey = key;
            series = data.Series;
            var prefix = Name + WindowKey.EndpointSeparator;
            endpoints = data.Endpoints.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            upstream = data.Edges.Where(e => Callee(e.Key) == Name).ToList();
            downstream = data.Edges.Where(e => Caller(e.Key) == Name).ToList();
        }
        catch (Npgsql.NpgsqlException e)
        {
            error = $"The database did not answer: {e.Message}";
            Loads.Failed();
        }
    }

    private async Task<ServiceData> LoadAsync(DateTime from, DateTime to) => new(
        await Series.GetAsync(Key, from, to, null, CancellationToken.None),
        await Series.ScopeAsync(WindowScope.Endpoint, from, to, null, CancellationToken.None),
        await Series.ScopeAsync(WindowScope.Edge, from, to, null, CancellationToken.None));

    private sealed record ServiceData(Series Series, IReadOnlyList<Series> Endpoints, IReadOnlyList<Series> Edges);

    private static string EndpointOf(string key) => WindowKey.TrySplitEndpoint(key, out _, out var endpoint) ? endpoint : key;
    private static string Caller(string key) => WindowKey.TrySplitEdge(key, out var caller, out _) ? caller : key;
    private static string Callee(string key) => WindowKey.TrySplitEdge(key, out _, out var callee) ? callee : key;
}
