using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Portal.Components.Interop;

public partial class Chart : IAsyncDisposable
{
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ILogger<Chart> Logger { get; set; } = default!;

    /// <summary>timeseries, gauge or sparkline.</summary>
    [Parameter, EditorRequired] public string Kind { get; set; } = "";

    [Parameter] public string? Class { get; set; }

    /// <summary>The data-* attributes of js/charts.js (series, unit, live group, …).</summary>
    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    private ElementReference element;
    private JsAttachment? attachment;

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        attachment ??= new JsAttachment(JS, Logger);
        // New data (another range, page or sort) draws the chart afresh; an unchanged render keeps its live points.
        return attachment.SyncAsync(ElementKey.Of(element, Kind, Attributes), "./js/charts.js", element);
    }

    public ValueTask DisposeAsync() => attachment?.DisposeAsync() ?? ValueTask.CompletedTask;
}
