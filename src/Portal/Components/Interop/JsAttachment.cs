using Microsoft.JSInterop;

namespace Portal.Components.Interop;

/// <summary>
/// A component's hold on one of our JS modules (wwwroot/js), whose <c>attach(...)</c> returns <c>{ dispose }</c>: attached
/// after an interactive render, attached afresh when its key (the element and the inputs the module reads) changes, and
/// disposed with the component. Prerendering and static rendering never call it; wwwroot/js/static-pages.js covers those.
/// </summary>
public sealed class JsAttachment(IJSRuntime js, ILogger logger) : IAsyncDisposable
{
    // Renders can finish faster than the browser answers: one attach or dispose at a time.
    private readonly SemaphoreSlim gate = new(1, 1);
    private IJSObjectReference? handle;
    private string key = "";
    private bool disposed;

    /// <summary>Attaches <paramref name="module"/> with <paramref name="args"/> unless <paramref name="newKey"/> is attached already; an empty key only detaches.</summary>
    public async Task SyncAsync(string newKey, string module, params object?[] args)
    {
        await gate.WaitAsync();
        try
        {
            if (disposed || newKey == key) return;
            await DetachAsync();
            if (newKey.Length == 0) return;
            var imported = await js.InvokeAsync<IJSObjectReference>("import", module);
            handle = await imported.InvokeAsync<IJSObjectReference>("attach", args);
            key = newKey;
            await imported.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The tab has gone; its page went with it.
        }
        catch (JSException e)
        {
            // A chart that cannot be drawn must not end the page's circuit: the rest of the page keeps working.
            logger.LogWarning(e, "Attaching {Module} failed", module);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try
        {
            disposed = true;
            await DetachAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task DetachAsync()
    {
        if (handle is not { } detaching) return;
        handle = null;
        key = "";
        try
        {
            await detaching.InvokeVoidAsync("dispose");
            await detaching.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // Nothing left to free in a closed tab.
        }
    }
}
