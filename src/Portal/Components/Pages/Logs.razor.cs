using Microsoft.AspNetCore.Components;
using Portal.Components.Telemetry;
using Portal.Components.Ui;
using Portal.Queries;
using LogLevel = Portal.Core.Records.LogLevel;

namespace Portal.Components.Pages;

public partial class Logs
{
    private static readonly LogLevel[] Levels = Enum.GetValues<LogLevel>();

    [Inject] private LogSearch Search { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UrlLoads Loads { get; set; } = default!;
    [Inject] private PrerenderHandoff Handoff { get; set; } = default!;
    [Inject] private ILogger<Logs> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }
    [SupplyParameterFromQuery(Name = "range")] public string? Range { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "service")] public string? Service { get; set; }
    [SupplyParameterFromQuery(Name = "instance")] public string? Instance { get; set; }
    [SupplyParameterFromQuery(Name = "level")] public string? Level { get; set; }
    [SupplyParameterFromQuery(Name = "traceId")] public string? TraceId { get; set; }
    [SupplyParameterFromQuery(Name = "spanId")] public string? SpanId { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public string? Page { get; set; }

    /// <summary>Where the prerender left its rows for the first interactive render (see <see cref="PrerenderHandoff"/>).</summary>
    [PersistentState] public string? HandoffKey { get; set; }

    private readonly List<QueryError> errors = [];
    private LogFilter filter = default!;
    private TimeRange range = default!;
    private LogPage? result;
    private string? failure;

    protected override async Task OnParametersSetAsync()
    {
        if (!Loads.Begin()) return;
        errors.Clear();
        failure = null;
        filter = LogFilter.Parse(new LogParameters
        {
            Q = Q, Range = Range, From = From, To = To, Service = Service, Instance = Instance, Level = Level,
            TraceId = TraceId, SpanId = SpanId, Page = Page,
        }, DateTime.UtcNow, errors);
        range = PageRange.For(Range, From, To, filter.Time, "1h");
        try
        {
            var url = Navigation.Uri;
            var (loaded, key) = await Handoff.LoadAsync(HandoffKey, url, RendererInfo.IsInteractive, () => Search.SearchAsync(filter, CancellationToken.None));
            if (!Loads.IsCurrent(url)) return;
            result = loaded;
            HandoffKey = key;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Log search failed");
            failure = "The store did not answer; the error is in the portal's log.";
            result = null;
            Loads.Failed();
        }
    }

    /// <summary>A trace id typed into the search box is shown in the trace id field instead.</summary>
    private string? TraceIdText => filter.TextIsTraceId ? filter.TraceId?.ToString() : TraceId;

    private string Subtitle => $"Full-text search over application logs, {Display.Time(filter.Time.From)} – {Display.Time(filter.Time.To)} UTC.";

    private string EmptyText => filter.TraceId is not null
        ? "No line of this trace was logged in the interval. Services link their lines to a trace when their logger writes the trace id; widen the range if the trace is older."
        : "Nothing in this interval matches. Words match whole words (try a prefix like debi*), and logs arrive through OTLP /v1/logs or the platform SDK's log API.";

    private string ClearHref => Navigation.WithQuery(new Dictionary<string, object?>
    {
        ["q"] = null, ["service"] = null, ["instance"] = null, ["level"] = null, ["traceId"] = null, ["spanId"] = null, ["page"] = null,
    });
}
