using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Portal.Testing;

/// <summary>
/// A small client of SignalR's JSON hub protocol over a WebSocket (the .NET SignalR client package does not restore
/// here): negotiate, handshake, invoke hub methods, and receive the server's "update" messages.
/// </summary>
public sealed class LiveFeedClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    private readonly CancellationTokenSource _stop = new();
    private int _invocationId;
    private Task? _receiving;

    public static async Task<LiveFeedClient> ConnectAsync(Uri baseAddress, string? cookie, string hubPath = "/hubs/live")
    {
        var client = new LiveFeedClient();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        if (cookie is not null)
        {
            http.DefaultRequestHeaders.Add("Cookie", cookie);
            client._socket.Options.SetRequestHeader("Cookie", cookie);
        }
        var negotiate = await http.PostAsync(new Uri(baseAddress, $"{hubPath}/negotiate?negotiateVersion=1"), null);
        negotiate.EnsureSuccessStatusCode();
        var token = (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();
        var ws = new UriBuilder(new Uri(baseAddress, $"{hubPath}?id={Uri.EscapeDataString(token!)}")) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws" };
        await client._socket.ConnectAsync(ws.Uri, CancellationToken.None);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        client._receiving = client.ReceiveLoopAsync();
        var handshake = await client.NextAsync(TimeSpan.FromSeconds(10));
        if (handshake.TryGetProperty("error", out var error)) throw new InvalidOperationException($"Handshake refused: {error}");
        return client;
    }

    /// <summary>Invokes a hub method and waits for its completion; throws with the hub's error message on failure.</summary>
    public async Task InvokeAsync(string target, params object[] arguments)
    {
        var id = Interlocked.Increment(ref _invocationId).ToString();
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        while (true)
        {
            var message = await NextAsync(TimeSpan.FromSeconds(10));
            if (message.GetProperty("type").GetInt32() == 3 && message.GetProperty("invocationId").GetString() == id)
            {
                if (message.TryGetProperty("error", out var error)) throw new InvalidOperationException(error.GetString());
                return;
            }
        }
    }

    /// <summary>The next "update" sent by the server for <paramref name="group"/>: its payload.</summary>
    public async Task<JsonElement> NextUpdateAsync(string group, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var message = await NextAsync(deadline - DateTime.UtcNow);
            if (message.GetProperty("type").GetInt32() == 1 && message.GetProperty("target").GetString() == "update"
                && message.GetProperty("arguments")[0].GetString() == group)
            {
                return message.GetProperty("arguments")[1];
            }
        }
    }

    private async Task<JsonElement> NextAsync(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero) throw new TimeoutException("No live-feed message in time.");
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _messages.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No live-feed message in time.");
        }
    }

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var text = pending.ToString();
                var end = text.LastIndexOf(RecordSeparator);
                if (end < 0) continue;
                foreach (var frame in text[..end].Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    _messages.Writer.TryWrite(JsonDocument.Parse(frame).RootElement.Clone());
                }
                pending.Clear().Append(text[(end + 1)..]);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // closed
        }
        _messages.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // already gone
            }
        }
        if (_receiving is not null) await _receiving;
        _socket.Dispose();
        _stop.Dispose();
    }
}
