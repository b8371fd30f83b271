using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Portal.Components.Telemetry;
using Portal.Components.Ui;
using Portal.Core.Records;
using Portal.Core.Windowing;
using Portal.Live;
using Portal.Queries;

namespace Portal.Components.Pages;

public partial class Overview
{
    private static readonly string[] Percentiles = ["p50", "p95", "p99"];

    [Inject] private SeriesQueries Series { get; set; } = default!;
    [Inject] private TelemetryQueries Telemetry { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UrlLoads Loads { get; set; } = default!;
    [Inject] private PrerenderHandoff Handoff { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "range")] public string? Range { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "pct")] public string? Pct { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? SortText { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Filter { get; set; }

    /// <summary>Where the prerender left what it read for the first interactive render (see <see cref="PrerenderHandoff"/>).</summary>
    [PersistentState] public string? HandoffKey { get; set; }

    private TimeRange range = default!;
    private Series? all;
    private IReadOnlyList<Series> services = [];
    private List<EventRecord> events = [];
    private string? markers;
    private string? error;
    private SortOrder sort;

    private string Percentile => Percentiles.Contains(Pct) ? Pct! : "p95";
    private string? LiveGroup => range.IsLive ? LiveGroups.Overview : null;
    private SeriesPoint? GaugePoint => range.IsLive && all is not null ? ChartData.Latest(all) : null;
    private string GaugeSubtitle => range.IsLive ? "latest second, live" : "whole range";
    private double GaugeMax => Math.Max(10, Math.Ceiling((all?.Points.Max(p => p.ThroughputPerSecond) ?? 0) * 1.5));
    private double LatencyMax => Math.Max(HealthTone.P95ErrorMs, Math.Ceiling((all?.Points.Max(p => p.P99Ms) ?? 0) * 1.2));

    private IReadOnlyList<Series> FilteredServices => ServicesTable.Sorted(
        string.IsNullOrWhiteSpace(Filter) ? services : services.Where(s => s.Key.Contains(Filter.Trim(), StringComparison.OrdinalIgnoreCase)),
        sort);

    private double? PercentileOf(SeriesPoint point) => Percentile switch
    {
        "p50" => point.P50Ms,
        "p99" => point.P99Ms,
        _ => point.P95Ms,
    };

    protected override async Task OnParametersSetAsync()
    {
        range = TimeRange.Parse(Range, From, To, DateTimeOffset.UtcNow, defaultKey: "live");
        sort = SortOrder.Parse(SortText, ServicesTable.SortFields, new SortOrder("count", true));
        if (!Loads.Begin()) return;
        error = null;
        try
        {
            var url = Navigation.Uri;
            var (data, key) = await Handoff.LoadAsync(HandoffKey, url, RendererInfo.IsInteractive,
                () => LoadAsync(range.From.UtcDateTime, range.To.UtcDateTime));
            if (!Loads.IsCurrent(url)) return;
            HandoffKey = key;
            (all, services, events) = (data.All, data.Services, data.Events);
            // Only system events (deploys, node changes) mark the curves; business events would bury them.
            markers = JsonSerializer.Serialize(events.Where(e => SystemEvent.IsSystem(e.Type))
                .Select(e => new { t = new DateTimeOffset(e.Time).ToUnixTimeMilliseconds(), label = $"{e.Type} {e.Subject}".Trim() }));
        }
        catch (Npgsql.NpgsqlException e)
        {
            error = $"The database did not answer: {e.Message}";
            Loads.Failed();
        }
    }

    private async Task<OverviewData> LoadAsync(DateTime from, DateTime to) => new(
        await Series.GetAsync(WindowKey.All, from, to, null, CancellationToken.None),
        await Series.ScopeAsync(WindowScope.Service, from, to, null, CancellationToken.None),
        await Telemetry.EventsAsync(null, null, from, to, 20, CancellationToken.None));

    private sealed record OverviewData(Series All, IReadOnlyList<Series> Services, List<EventRecord> Events);
}
