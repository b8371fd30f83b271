using Microsoft.AspNetCore.Components;

namespace Portal.Components.Interop;

public partial class Graph : AttachedComponent
{
    /// <summary>The nodes and edges as JSON, in the shape js/graph.js documents.</summary>
    [Parameter, EditorRequired] public string Data { get; set; } = "";

    /// <summary>Where js/flow.js polls the live figures of the graph's edges; null draws a still graph.</summary>
    [Parameter] public string? FlowUrl { get; set; }

    [Parameter] public string? Class { get; set; }

    /// <summary>Other data-* attributes of js/graph.js (node URL, layout, direction) and labels.</summary>
    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    private ElementReference element;

    protected override Task OnAfterRenderAsync(bool firstRender) =>
        AttachAsync(ElementKey.Of(element, Data, FlowUrl, Attributes), FlowUrl is null ? "./js/graph.js" : "./js/flow.js", element);
}
