using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Portal.Components.Interop;

/// <summary>A component that attaches one of our JS modules after it renders (see <see cref="JsAttachment"/>) and detaches it when it goes.</summary>
public abstract class AttachedComponent : ComponentBase, IAsyncDisposable
{
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ILoggerFactory Loggers { get; set; } = default!;

    private JsAttachment? attachment;

    /// <summary>Attaches <paramref name="module"/> unless <paramref name="key"/> is attached already; an empty key detaches.</summary>
    protected Task AttachAsync(string key, string module, params object?[] args) =>
        (attachment ??= new JsAttachment(JS, Loggers.CreateLogger(GetType()))).SyncAsync(key, module, args);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return attachment?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
