using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portal.Testing;
using Portal.Tests.Processing;

namespace Portal.Tests.Live;

/// <summary>
/// A live-feed client that stops reading must not hold back the others. The stalled client uses SignalR's long-polling
/// transport and never polls, so the server's buffer for it fills after 64 KB of updates and every later write to it
/// waits; a WebSocket client of the same group must keep getting its update about once a second.
/// </summary>
public sealed class StalledClientTests(WindowingHostFixture host) : IClassFixture<WindowingHostFixture>
{
    private const int Services = 300;

    [Fact]
    public async Task A_client_that_stops_reading_does_not_hold_back_the_others()
    {
        var prefix = $"stall{Guid.NewGuid():N}"[..12];
        using var ingest = host.CreateClient();
        using var stop = new CancellationTokenSource();
        // Every service called every 250 ms: each "services" update carries about 300 ticks, some 30 KB.
        var traffic = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var now = DateTime.UtcNow;
                await NativeCalls.SendAsync(ingest, Enumerable.Range(0, Services).Select(i => NativeCalls.Record($"{prefix}-{i}", $"{prefix}-1", now)).ToArray());
                await Task.Delay(250);
            }
        });
        try
        {
            var (stalled, pollUrl) = await StallingLongPollingClientAsync("services");
            using var _ = stalled;
            await using var live = await LiveFeedClient.ConnectAsync(host.BaseAddress, host.OpsCookie);
            await live.InvokeAsync("Subscribe", (object)new[] { "services" });

            var received = 0;
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(12);
            while (DateTime.UtcNow < until)
            {
                try
                {
                    var update = await live.NextUpdateAsync("services", TimeSpan.FromSeconds(2));
                    if (update.GetProperty("services").EnumerateArray().Any(s => s.GetProperty("name").GetString()!.StartsWith(prefix))) received++;
                }
                catch (TimeoutException)
                {
                    // none within 2 s: counted by its absence
                }
            }
            // About one a second for 12 s; the stalled client's full buffer stops it only if sends wait for it.
            Assert.True(received >= 8, $"the reading client got {received} updates in 12 s while another client stalled");

            // The stall was real: what the server queued for the stalled client is more than its 64 KB buffer holds.
            var queued = await stalled.GetAsync(pollUrl);
            Assert.True((await queued.Content.ReadAsByteArrayAsync()).Length >= 64 * 1024, "the stalled client's buffer never filled");
        }
        finally
        {
            await stop.CancelAsync();
            await traffic;
        }
    }

    private const string LiveHubPath = "/hubs/live";

    /// <summary>
    /// Connects over long polling, subscribes to <paramref name="group"/> and reads the handshake; the caller then never
    /// polls again (until it checks what was queued, at the URL returned).
    /// </summary>
    private async Task<(HttpClient Http, string PollUrl)> StallingLongPollingClientAsync(string group)
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("Cookie", host.OpsCookie);
        var negotiate = await http.PostAsync($"{LiveHubPath}/negotiate?negotiateVersion=1", null);
        negotiate.EnsureSuccessStatusCode();
        var token = (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString()!;
        var url = $"{LiveHubPath}?id={Uri.EscapeDataString(token)}";
        (await http.GetAsync(url)).EnsureSuccessStatusCode(); // the first poll starts the transport and returns at once
        const char separator = '\u001e';
        (await http.PostAsync(url, new StringContent($"{{\"protocol\":\"json\",\"version\":1}}{separator}", Encoding.UTF8))).EnsureSuccessStatusCode();
        var subscribe = JsonSerializer.Serialize(new { type = 1, invocationId = "1", target = "Subscribe", arguments = new object[] { new[] { group } } });
        (await http.PostAsync(url, new StringContent(subscribe + separator, Encoding.UTF8))).EnsureSuccessStatusCode();
        var handshake = await (await http.GetAsync(url)).Content.ReadAsStringAsync();
        Assert.StartsWith("{}", handshake);
        return (http, url);
    }
}
