using System.Diagnostics;
using System.Net.Http.Headers;
using Portal.Bench.Data;

namespace Portal.Bench.Ingest;

/// <summary>
/// An open-loop client (what wrk2 does): sends body i at start + i / rate whatever the answers, so a slow answer cannot
/// hold the next requests back, and measures each ack latency from the moment the request was due (no coordinated omission).
/// </summary>
public static class PacedClient
{
    public sealed record Result(int Sent, int Acknowledged, double P50Ms, double P99Ms);

    private const int MaxInFlight = 256;

    public static async Task<Result> RunAsync(Uri portal, BodySet bodies, string apiKey, double requestsPerSecond, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = MaxInFlight }) { Timeout = TimeSpan.FromSeconds(30) };
        var url = new Uri(portal, bodies.Format.Path);
        var total = Math.Min(bodies.Bodies.Count, (int)(requestsPerSecond * duration.TotalSeconds));
        var latencies = new double[total];
        var acknowledged = 0;
        using var slots = new SemaphoreSlim(MaxInFlight);
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / requestsPerSecond);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            await slots.WaitAsync();
            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    using var content = new ByteArrayContent(bodies.Bodies[index]);
                    content.Headers.ContentType = MediaTypeHeaderValue.Parse(bodies.Format.ContentType);
                    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                    request.Headers.Add("X-Api-Key", apiKey);
                    using var response = await http.SendAsync(request);
                    if (response.IsSuccessStatusCode) Interlocked.Increment(ref acknowledged);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // counted as not acknowledged
                }
                finally
                {
                    latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
                    slots.Release();
                }
            }));
        }
        await Task.WhenAll(inFlight);
        var measured = latencies[(total / 5)..];
        return new Result(total, acknowledged, Report.Stats.Percentile(measured, 50), Report.Stats.Percentile(measured, 99));
    }
}
