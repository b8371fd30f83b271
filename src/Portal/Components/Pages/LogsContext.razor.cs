using Microsoft.AspNetCore.Components;
using Portal.Components.Telemetry;
using Portal.Components.Ui;
using Portal.Queries;

namespace Portal.Components.Pages;

public partial class LogsContext
{
    private static readonly int[] Widths = [10, 20, 50, 100];

    [Inject] private LogContext Context { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UrlLoads Loads { get; set; } = default!;
    [Inject] private PrerenderHandoff Handoff { get; set; } = default!;
    [Inject] private ILogger<LogsContext> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "instance")] public string? Instance { get; set; }
    [SupplyParameterFromQuery(Name = "time")] public string? Time { get; set; }
    [SupplyParameterFromQuery(Name = "id")] public string? Id { get; set; }
    [SupplyParameterFromQuery(Name = "n")] public string? N { get; set; }

    /// <summary>The search that led here, so its words stay marked.</summary>
    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }

    /// <summary>Where the prerender left its rows for the first interactive render (see <see cref="PrerenderHandoff"/>).</summary>
    [PersistentState] public string? HandoffKey { get; set; }

    private readonly List<QueryError> errors = [];
    private LogContextRequest? request;
    private LogContextResult? result;
    private LogSearchTerms terms = LogSearchTerms.None;
    private string? failure;

    protected override async Task OnParametersSetAsync()
    {
        if (!Loads.Begin()) return;
        errors.Clear();
        failure = null;
        request = LogContextRequest.Parse(Instance, Time, Id, N, errors);
        terms = LogSearchTerms.Parse(Q);
        if (errors.Count > 0)
        {
            result = null;
            return;
        }
        try
        {
            var url = Navigation.Uri;
            var (loaded, key) = await Handoff.LoadAsync(HandoffKey, url, RendererInfo.IsInteractive,
                () => Context.AroundAsync(request.Instance, request.Time, request.Id, request.Lines, CancellationToken.None));
            if (!Loads.IsCurrent(url)) return;
            result = loaded;
            HandoffKey = key;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Reading log context failed");
            failure = "The store did not answer; the error is in the portal's log.";
            result = null;
            Loads.Failed();
        }
    }

    private int Wider => Math.Min(LogContext.MaxLines, (request?.Lines ?? LogContext.DefaultLines) * 2);

    private string Subtitle => request is null || errors.Count > 0
        ? "The lines an instance wrote around one log line."
        : $"{request.Lines} lines before and after, from instance {request.Instance}, in the order it wrote them.";

    /// <summary>Back to the instance's logs around the line.</summary>
    private string BackHref => result is null
        ? "/logs"
        : $"/logs?instance={Uri.EscapeDataString(result.Hit.Instance)}&from={Display.UrlTime(result.Hit.Time.AddMinutes(-5))}&to={Display.UrlTime(result.Hit.Time.AddMinutes(5))}"
          + (string.IsNullOrEmpty(Q) ? "" : $"&q={Uri.EscapeDataString(Q)}");
}
