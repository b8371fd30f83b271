using System.Globalization;
using Microsoft.AspNetCore.Components;
using Portal.Components.Ui;
using Portal.Queries;

namespace Portal.Components.Telemetry;

public partial class DurationHistogram
{
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter, EditorRequired] public IReadOnlyList<HistogramBar> Bars { get; set; } = [];

    private long Max => Math.Max(1, Bars.Count == 0 ? 1 : Bars.Max(b => b.Count));

    /// <summary>Bar heights in the SVG's 0..100 box; a non-empty bucket shows at least a sliver.</summary>
    private string Height(HistogramBar bar) => Number(bar.Count == 0 ? 0 : Math.Max(2, 100.0 * bar.Count / Max));

    private string Top(HistogramBar bar) => Number(100 - (bar.Count == 0 ? 0 : Math.Max(2, 100.0 * bar.Count / Max)));

    private string HrefFor(HistogramBar bar) => Navigation.WithQuery(new Dictionary<string, object?>
    {
        ["minMs"] = bar.Selected ? null : Display.Millis(bar.MinMicros),
        ["maxMs"] = bar.Selected || bar.MaxMicros is not { } max ? null : Display.Millis(max),
        ["page"] = null,
    });

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
