using Microsoft.AspNetCore.Components;

namespace Portal.Components.Interop;

public partial class Chart : AttachedComponent
{
    /// <summary>timeseries, gauge or sparkline.</summary>
    [Parameter, EditorRequired] public string Kind { get; set; } = "";

    [Parameter] public string? Class { get; set; }

    /// <summary>The data-* attributes of js/charts.js (series, unit, live group, …).</summary>
    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    private ElementReference element;

    // New data (another range, page or sort) draws the chart afresh; an unchanged render keeps its live points.
    protected override Task OnAfterRenderAsync(bool firstRender) =>
        AttachAsync(ElementKey.Of(element, Kind, Attributes), "./js/charts.js", element);
}
