using System.Collections.Concurrent;
using System.Diagnostics;

namespace Portal.Tests.Reliability;

/// <summary>
/// Clients that send call records, log lines and CloudEvents at a steady pace for a bounded time, and remember which
/// ids were acknowledged (2xx) and how every request was answered. A request without an answer (the portal killed,
/// refused connection, timeout) counts as not acknowledged, as it would for a real client.
/// </summary>
public sealed class IngestLoad(HttpClient client, string service, int senders, TimeSpan interval, TimeSpan duration)
{
    public sealed record Answer(DateTime At, string Path, int Status, TimeSpan Latency, bool RetryAfter);

    public ConcurrentBag<string> AcknowledgedSpans { get; } = [];
    public ConcurrentBag<string> AcknowledgedLogs { get; } = [];
    public ConcurrentBag<string> AcknowledgedEvents { get; } = [];
    public ConcurrentQueue<Answer> Answers { get; } = new();

    private const int SpansPerRound = 20;

    public Task RunAsync() => Task.WhenAll(Enumerable.Range(0, senders).Select(SendAsync));

    private async Task SendAsync(int sender)
    {
        var end = DateTime.UtcNow + duration;
        var maxRounds = (int)(duration / interval) + 1;
        for (var round = 0; round < maxRounds && DateTime.UtcNow < end; round++)
        {
            var next = DateTime.UtcNow + interval;
            var batches = new TelemetryBatches(service, $"{service}-{sender}", SpansPerRound, logs: 5, events: 5);
            if (await PostAsync("/api/ingest/calls", TelemetryBatches.Json(batches.CallsJson))) Add(AcknowledgedSpans, batches.SpanIds);
            if (await PostAsync("/api/ingest/logs", TelemetryBatches.Json(batches.LogsJson))) Add(AcknowledgedLogs, batches.LogMessages);
            if (await PostAsync("/api/ingest/events", TelemetryBatches.Json(batches.EventsJson, "application/cloudevents-batch+json")))
                Add(AcknowledgedEvents, batches.EventIds);
            var wait = next - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }
    }

    private async Task<bool> PostAsync(string path, HttpContent content)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.PostAsync(path, content);
            Answers.Enqueue(new(DateTime.UtcNow, path, (int)response.StatusCode, clock.Elapsed, response.Headers.RetryAfter is not null));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Answers.Enqueue(new(DateTime.UtcNow, path, 0, clock.Elapsed, false));
            return false;
        }
    }

    private static void Add(ConcurrentBag<string> bag, List<string> ids)
    {
        foreach (var id in ids) bag.Add(id);
    }
}
