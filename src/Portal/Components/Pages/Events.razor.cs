using Microsoft.AspNetCore.Components;
using Portal.Components.Interop;
using Portal.Components.Telemetry;
using Portal.Components.Ui;
using Portal.Queries;

namespace Portal.Components.Pages;

public partial class Events
{
    private const int PreviewLength = 80;

    [Inject] private EventSearch Search { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UrlLoads Loads { get; set; } = default!;
    [Inject] private PrerenderHandoff Handoff { get; set; } = default!;
    [Inject] private ILogger<Events> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "type")] public string? Type { get; set; }
    [SupplyParameterFromQuery(Name = "source")] public string? Source { get; set; }
    [SupplyParameterFromQuery(Name = "range")] public string? Range { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public string? Page { get; set; }

    /// <summary>Where the prerender left its rows for the first interactive render (see <see cref="PrerenderHandoff"/>).</summary>
    [PersistentState] public string? HandoffKey { get; set; }

    private readonly List<QueryError> errors = [];
    private EventFilter filter = default!;
    private TimeRange range = default!;
    private EventPage? result;
    private string? failure;
    private ElementReference liveRows;

    protected override async Task OnParametersSetAsync()
    {
        if (!Loads.Begin()) return;
        errors.Clear();
        failure = null;
        filter = EventFilter.Parse(new EventParameters { Type = Type, Source = Source, Range = Range, From = From, To = To, Page = Page },
            DateTime.UtcNow, errors);
        range = PageRange.For(Range, From, To, filter.Time, "24h");
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
            Logger.LogError(e, "Event search failed");
            failure = "The store did not answer; the error is in the portal's log.";
            result = null;
            Loads.Failed();
        }
    }

    /// <summary>New events are prepended by js/events-live.js while the list shows the newest ones.</summary>
    protected override Task OnAfterRenderAsync(bool firstRender) =>
        AttachAsync(LiveEnabled && result is not null ? ElementKey.Of(liveRows, filter.Type, filter.Source) : "", "./js/events-live.js", liveRows);

    /// <summary>New events belong on top only when the list ends now and shows its first page.</summary>
    private bool LiveEnabled => filter.Page == 1 && string.IsNullOrEmpty(To);

    private static string Preview(string json) => json.Length > PreviewLength ? json[..PreviewLength] + "…" : json;

    /// <summary>System-looking types (down, fail, error) stand out; business events stay neutral.</summary>
    private static Tone ToneOf(string type) =>
        type.Contains("down", StringComparison.OrdinalIgnoreCase) || type.Contains("fail", StringComparison.OrdinalIgnoreCase)
        || type.Contains("error", StringComparison.OrdinalIgnoreCase)
            ? Tone.Error
            : Tone.Neutral;
}
