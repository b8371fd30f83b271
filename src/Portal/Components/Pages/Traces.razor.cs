using Microsoft.AspNetCore.Components;
using Portal.Components.Telemetry;
using Portal.Components.Ui;
using Portal.Queries;

namespace Portal.Components.Pages;

public partial class Traces
{
    [Inject] private TransactionQueries Queries { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UrlLoads Loads { get; set; } = default!;
    [Inject] private PrerenderHandoff Handoff { get; set; } = default!;
    [Inject] private ILogger<Traces> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "service")] public string? Service { get; set; }
    [SupplyParameterFromQuery(Name = "endpoint")] public string? Endpoint { get; set; }
    [SupplyParameterFromQuery(Name = "instance")] public string? Instance { get; set; }
    [SupplyParameterFromQuery(Name = "range")] public string? Range { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "minMs")] public string? MinMs { get; set; }
    [SupplyParameterFromQuery(Name = "maxMs")] public string? MaxMs { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public string? Page { get; set; }

    /// <summary>Where the prerender left its rows for the first interactive render (see <see cref="PrerenderHandoff"/>).</summary>
    [PersistentState] public string? HandoffKey { get; set; }

    private readonly List<QueryError> errors = [];
    private TransactionFilter filter = default!;
    private TimeRange range = default!;
    private SortOrder sort;
    private TransactionPage? result;
    private string? failure;

    protected override async Task OnParametersSetAsync()
    {
        if (!Loads.Begin()) return;
        errors.Clear();
        failure = null;
        filter = TransactionFilter.Parse(new TransactionParameters
        {
            Service = Service, Endpoint = Endpoint, Instance = Instance, Range = Range, From = From, To = To,
            Status = Status, MinMs = MinMs, MaxMs = MaxMs, Q = Q, Sort = Sort, Page = Page,
        }, DateTime.UtcNow, errors);
        range = PageRange.For(Range, From, To, filter.Time, "15m");
        sort = filter.Sort switch
        {
            TransactionSort.TimeAscending => new SortOrder("time", false),
            TransactionSort.DurationAscending => new SortOrder("duration", false),
            TransactionSort.DurationDescending => new SortOrder("duration", true),
            _ => new SortOrder("time", true),
        };
        try
        {
            var url = Navigation.Uri;
            var (loaded, key) = await Handoff.LoadAsync(HandoffKey, url, RendererInfo.IsInteractive, () => Queries.ListAsync(filter, CancellationToken.None));
            if (!Loads.IsCurrent(url)) return;
            result = loaded;
            HandoffKey = key;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Listing transactions failed");
            failure = "The store did not answer; the error is in the portal's log.";
            result = null;
            Loads.Failed();
        }
    }

    private string Subtitle
    {
        get
        {
            var who = (filter.Service, filter.Endpoint) switch
            {
                (null, null) => "all services",
                ({ } s, null) => s,
                (null, { } e) => $"endpoint {e}",
                ({ } s, { } e) => $"{s} · {e}",
            };
            return $"Transactions (traces) in which {who} took part, {Display.Time(filter.Time.From)} – {Display.Time(filter.Time.To)} UTC.";
        }
    }

    private string HistogramSubtitle => filter.Service is null && filter.Endpoint is null
        ? "longest span per transaction; select a bar to filter"
        : "the filtered service/endpoint's span per transaction; select a bar to filter";

    private string EmptyText =>
        "No call of the filtered service or endpoint started in this interval. Check the names (they are exact), widen the time range, "
        + "or clear the status, duration and attribute filters. Call records can arrive up to a minute late.";

    private string ClearHref => Navigation.WithQuery(new Dictionary<string, object?>
    {
        ["service"] = null, ["endpoint"] = null, ["instance"] = null, ["status"] = null, ["minMs"] = null, ["maxMs"] = null,
        ["q"] = null, ["page"] = null, ["sort"] = null,
    });
}
