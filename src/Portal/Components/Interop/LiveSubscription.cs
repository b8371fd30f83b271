using Microsoft.AspNetCore.Components;

namespace Portal.Components.Interop;

/// <summary>
/// Subscribes the tab's live feed (js/live.js) to some groups while this component is on the page; renders nothing.
/// Charts and tables on the page then receive the groups' updates.
/// </summary>
public sealed class LiveSubscription : AttachedComponent
{
    /// <summary>Space-separated live groups; null or empty subscribes to nothing (a past range).</summary>
    [Parameter] public string? Groups { get; set; }

    protected override Task OnAfterRenderAsync(bool firstRender) => AttachAsync(Groups ?? "", "./js/live.js", Groups);
}
