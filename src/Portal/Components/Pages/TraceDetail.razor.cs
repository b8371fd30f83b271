using Microsoft.AspNetCore.Components;
using Portal.Components.Telemetry;
using Portal.Core.Records;
using Portal.Queries;

namespace Portal.Components.Pages;

public partial class TraceDetail
{
    /// <summary>The logs of a trace are searched from a little before its first span to a little after its last.</summary>
    private static readonly TimeSpan LogMargin = TimeSpan.FromMinutes(5);

    [Inject] private TraceQueries Queries { get; set; } = default!;
    [Inject] private ILogger<TraceDetail> Logger { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private PrerenderHandoff Handoff { get; set; } = default!;

    [Parameter] public string Id { get; set; } = "";

    [SupplyParameterFromQuery(Name = "span")] public string? Span { get; set; }

    /// <summary>Where the prerender left what it read for the first interactive render (see <see cref="PrerenderHandoff"/>).</summary>
    [PersistentState] public string? HandoffKey { get; set; }

    private TraceId traceId;
    private bool valid;
    private TraceView? view;
    private WaterfallRow? selected;
    private string graphJson = "";
    private string? failure;
    private string? spanProblem;
    private string? loadedId;

    private string Title => !valid ? "Not a trace id" : view is null ? "Trace" : view.ErrorCount > 0 ? "Trace · failed" : "Trace";

    private WaterfallRow? FirstError => view?.Rows.Where(r => r.Span.IsError).MaxBy(r => r.Depth);

    private string LogsOfTraceHref => view is null
        ? $"/logs?traceId={traceId}&range=24h"
        : $"/logs?traceId={traceId}&from={Display.UrlTime(view.Start - LogMargin)}&to={Display.UrlTime(view.End + LogMargin)}";

    protected override async Task OnParametersSetAsync()
    {
        selected = null;
        spanProblem = null;
        // Selecting another span of the same trace (a graph node, a waterfall row) reuses the loaded trace.
        if (Id != loadedId || failure is not null) await LoadAsync();
        if (view is null || string.IsNullOrEmpty(Span)) return;
        if (!SpanId.TryParse(Span, out var spanId)) spanProblem = "span: a span id has 16 hexadecimal digits.";
        else if ((selected = view.Find(spanId)) is null) spanProblem = $"Span {spanId} is not part of this trace.";
    }

    private async Task LoadAsync()
    {
        loadedId = Id;
        failure = null;
        valid = TraceId.TryParse(Id, out traceId) && !traceId.IsEmpty;
        if (!valid)
        {
            view = null;
            return;
        }
        try
        {
            var id = Id;
            var (loaded, key) = await Handoff.LoadAsync(HandoffKey, Navigation.Uri, RendererInfo.IsInteractive,
                () => Queries.LoadAsync(traceId, CancellationToken.None));
            // Another trace opened meanwhile: its own load fills the page.
            if (id != loadedId) return;
            view = loaded;
            HandoffKey = key;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Reading trace {TraceId} failed", traceId);
            failure = "The store did not answer; the error is in the portal's log.";
            view = null;
            return;
        }
        if (view is not null) graphJson = CallChainGraph.Build(view).ToJson();
    }

    private string SpanHref(WaterfallRow row) => $"/traces/{traceId}?span={row.SpanId}";
}
