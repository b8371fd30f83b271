using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Portal.Bench.Data;
using Portal.Bench.Infra;
using Portal.Bench.Report;
using Portal.Testing;

namespace Portal.Bench.Live;

/// <summary>
/// Record → browser gauge: a SignalR JSON-protocol WebSocket client subscribed to "overview" (what the overview page
/// does) while a sender posts a small native batch of spans stamped "now" every 100 ms from six instances. For every
/// batch, the latency is the time from its acknowledgement to the first update whose point is that batch's window.
/// Measured with the default watermark (adaptive per instance, at least 0.15 s) in steady state, after
/// <see cref="BenchSizes.GaugeWarmUp"/> of the same traffic, and with the fixed OutOfOrderness of 3 s.
/// </summary>
public static class GaugeLatencyBenchmark
{
    private const int SpansPerBatch = 20;
    private const double TargetP99Ms = 1_500;
    private static readonly TimeSpan SendInterval = TimeSpan.FromMilliseconds(100);
    /// <summary>Enough for a fixed delay: each instance keeps the full 3 s delay until it has sent 100 records.</summary>
    private static readonly TimeSpan FixedWarmUp = TimeSpan.FromSeconds(5);

    public static async Task<List<Figure>> RunAsync(BenchCluster cluster, BenchSizes sizes, TextWriter log)
    {
        var figures = new List<Figure>();
        foreach (var adaptive in new[] { true, false })
        {
            var warmUp = adaptive ? sizes.GaugeWarmUp : FixedWarmUp;
            var label = adaptive ? $"default adaptive watermark delay (min 0.15 s), after {warmUp.TotalSeconds:N0} s of traffic" : "fixed OutOfOrderness 3 s";
            var settings = new Dictionary<string, string?>();
            if (!adaptive) settings["Portal__Windowing__AdaptiveOutOfOrderness"] = "false";
            var key = new IngestKey();
            await using var portal = await PortalServer.StartAsync(await cluster.CreateDatabaseAsync("gauge"), key, settings);
            var (fromAck, fromWindowEnd) = await MeasureAsync(portal, key, warmUp, sizes.GaugeDuration);
            log.WriteLine($"gauge, {label}: {fromAck.Count} batches measured; ack → update p50 {Stats.Percentile(fromAck, 50):N0} ms, p99 {Stats.Percentile(fromAck, 99):N0} ms");
            var command = BenchSizes.Command(sizes, "gauge");
            var note = $"{fromAck.Count} batches; from the window's end to the update: p50 {Stats.Percentile(fromWindowEnd, 50):N0} ms, p99 {Stats.Percentile(fromWindowEnd, 99):N0} ms";
            figures.Add(new Figure($"record → gauge latency p50, {label}", "ms", Stats.Percentile(fromAck, 50), 1, command) { Note = note });
            var p99 = Stats.Percentile(fromAck, 99);
            figures.Add(new Figure($"record → gauge latency p99, {label}", "ms", p99, 1, command)
            {
                Target = $"≤ {TargetP99Ms:N0} ms", Met = p99 <= TargetP99Ms,
            });
        }
        return figures;
    }

    private static async Task<(List<double> FromAck, List<double> FromWindowEnd)> MeasureAsync(
        PortalServer portal, IngestKey key, TimeSpan warmUp, TimeSpan measured)
    {
        await using var feed = await LiveFeedClient.ConnectAsync(portal.Address, portal.Cookie);
        await feed.InvokeAsync("Subscribe", (object)new[] { "overview" });
        var firstUpdate = new ConcurrentDictionary<long, DateTime>();
        using var stop = new CancellationTokenSource();
        var receiving = ReceiveAsync(feed, firstUpdate, stop.Token);

        var acks = new List<(long Window, DateTime Ack)>();
        var traffic = new SyntheticTraffic(seed: 11, services: 2);
        using var http = new HttpClient { BaseAddress = portal.Address };
        var measureFrom = DateTime.UtcNow + warmUp;
        var end = measureFrom + measured;
        while (DateTime.UtcNow < end)
        {
            var now = DateTime.UtcNow;
            var window = new DateTimeOffset(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond))).ToUnixTimeMilliseconds();
            // Spans stamped now (within the same millisecond), so the batch belongs to exactly one window.
            using var content = new ByteArrayContent(NativeEncoder.Calls(traffic.Spans(SpansPerBatch, now, TimeSpan.FromTicks(1))));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/calls") { Content = content };
            request.Headers.Add("X-Api-Key", key.Value);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            acks.Add((window, DateTime.UtcNow));
            var next = now + SendInterval - DateTime.UtcNow;
            if (next > TimeSpan.Zero) await Task.Delay(next);
        }

        // The batches of the last seconds are left out: their windows close by the sources' idle timeout, not by traffic
        // as in a live system that keeps sending.
        // The warm-up's batches too.
        var kept = acks.Where(a => a.Ack < end - TimeSpan.FromSeconds(6) && a.Ack > measureFrom).ToList();
        var waitUntil = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < waitUntil && kept.Any(a => !firstUpdate.ContainsKey(a.Window))) await Task.Delay(100);
        await stop.CancelAsync();
        await receiving;
        kept.RemoveAll(a => !firstUpdate.ContainsKey(a.Window));
        return (
            kept.Select(a => (firstUpdate[a.Window] - a.Ack).TotalMilliseconds).ToList(),
            kept.Select(a => a.Window).Distinct().Select(w => (firstUpdate[w] - DateTime.UnixEpoch.AddMilliseconds(w + 1000)).TotalMilliseconds).ToList());
    }

    private static async Task ReceiveAsync(LiveFeedClient feed, ConcurrentDictionary<long, DateTime> firstUpdate, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var update = await feed.NextUpdateAsync("overview", TimeSpan.FromSeconds(1));
                var at = DateTime.UtcNow;
                foreach (var point in update.GetProperty("points").EnumerateArray())
                {
                    firstUpdate.TryAdd(point.GetProperty("t").GetInt64(), at);
                }
            }
            catch (TimeoutException)
            {
                // no update this second; look again unless stopped
            }
        }
    }
}
