using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Portal.Components.Interop;

public partial class Graph : IAsyncDisposable
{
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ILogger<Graph> Logger { get; set; } = default!;

    /// <summary>The nodes and edges as JSON, in the shape js/graph.js documents.</summary>
    [Parameter, EditorRequired] public string Data { get; set; } = "";

    /// <summary>Where js/flow.js polls the live figures of the graph's edges; null draws a still graph.</summary>
    [Parameter] public string? FlowUrl { get; set; }

    [Parameter] public string? Class { get; set; }

    /// <summary>Other data-* attributes of js/graph.js (node URL, layout, direction) and labels.</summary>
    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    private ElementReference element;
    private JsAttachment? attachment;

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        attachment ??= new JsAttachment(JS, Logger);
        var module = FlowUrl is null ? "./js/graph.js" : "./js/flow.js";
        return attachment.SyncAsync(ElementKey.Of(element, Data, FlowUrl, Attributes), module, element);
    }

    public ValueTask DisposeAsync() => attachment?.DisposeAsync() ?? ValueTask.CompletedTask;
}
