using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Portal.Components.Interop;

/// <summary>
/// Subscribes the tab's live feed (js/live.js) to some groups while this component is on the page; renders nothing.
/// Charts and tables on the page then receive the groups' updates.
/// </summary>
public sealed class LiveSubscription : ComponentBase, IAsyncDisposable
{
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ILogger<LiveSubscription> Logger { get; set; } = default!;

    /// <summary>Space-separated live groups; null or empty subscribes to nothing (a past range).</summary>
    [Parameter] public string? Groups { get; set; }

    private JsAttachment? attachment;

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        attachment ??= new JsAttachment(JS, Logger);
        return attachment.SyncAsync(Groups ?? "", "./js/live.js", Groups);
    }

    public ValueTask DisposeAsync() => attachment?.DisposeAsync() ?? ValueTask.CompletedTask;
}
