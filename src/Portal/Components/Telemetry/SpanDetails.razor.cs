using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Portal.Components.Ui;
using Portal.Queries;

namespace Portal.Components.Telemetry;

public partial class SpanDetails
{
    /// <summary>How far around a span its instance's logs are shown: log and span times come from the same clock.</summary>
    private static readonly TimeSpan LogMargin = TimeSpan.FromMinutes(1);

    // Relaxed escaping keeps "<" readable instead of \u003C; the text is HTML-encoded by Razor when rendered.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter, EditorRequired] public WaterfallRow Row { get; set; } = default!;

    [Parameter, EditorRequired] public string TraceId { get; set; } = "";

    private string? Attributes => Pretty(Row.Span.AttributesJson);

    private string? Events => Pretty(Row.Span.EventsJson);

    private string LogsOfSpanHref =>
        $"/logs?traceId={TraceId}&spanId={Row.SpanId}&from={Display.UrlTime(Row.Span.StartTime - LogMargin)}&to={Display.UrlTime(Row.Span.EndTime + LogMargin)}";

    private string LogsOfInstanceHref =>
        $"/logs?instance={Uri.EscapeDataString(Row.Span.Instance)}&from={Display.UrlTime(Row.Span.StartTime - LogMargin)}&to={Display.UrlTime(Row.Span.EndTime + LogMargin)}";

    private string CloseHref => Navigation.WithQuery("span", null);

    /// <summary>Stored JSON re-indented for reading; shown as text either way.</summary>
    private static string? Pretty(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
