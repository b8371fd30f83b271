using System.Globalization;
using Microsoft.AspNetCore.Components;
using Portal.Queries;

namespace Portal.Components.Telemetry;

public partial class Waterfall
{
    /// <summary>Deeper calls stop indenting here, so names stay readable in deep chains.</summary>
    private const int MaxIndent = 12;

    [Parameter, EditorRequired] public TraceView View { get; set; } = default!;

    [Parameter] public string? SelectedSpanId { get; set; }

    /// <summary>The link of a row (the page's URL with ?span=).</summary>
    [Parameter, EditorRequired] public Func<WaterfallRow, string> HrefFor { get; set; } = default!;

    private IEnumerable<string> Ticks => Enumerable.Range(0, 5).Select(i => Display.Duration(View.DurationMicros * i / 4));

    private string RowClass(WaterfallRow row)
    {
        var css = "wf__row";
        if (row.Span.IsError) css += " wf__row--error";
        if (row.Critical) css += " wf__row--critical";
        return css;
    }

    private static string Percent(double value) => value.ToString("0.###", CultureInfo.InvariantCulture) + "%";
}
