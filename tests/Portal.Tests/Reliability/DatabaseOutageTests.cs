using System.Diagnostics;
using Portal.Testing;
using Xunit.Abstractions;

namespace Portal.Tests.Reliability;

/// <summary>
/// PostgreSQL stops for about ten seconds under steady ingestion: requests are refused with 503 and Retry-After within a
/// bounded time (never 500), nothing acknowledged is lost, and when the server is back ingestion and the live feed resume
/// by themselves.
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CommitTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_database_outage_is_answered_503_and_ingestion_and_live_feed_recover_by_themselves()
    {
        await using var cluster = await PrivateCluster.StartAsync("portal");
        var connectionString = cluster.Server.ConnectionString("portal");
        var service = $"outage{Guid.NewGuid():N}"[..16];
        await using var portal = await ReliabilityPortal.StartAsync(connectionString, PortalProcess.FreePort(),
            new Dictionary<string, string?> { ["Portal__Pipeline__CommitTimeout"] = CommitTimeout.ToString() });
        using var client = ReliabilityPortal.Client(portal.Address, TimeSpan.FromSeconds(30));
        await using var live = await LiveFeedClient.ConnectAsync(portal.Address, await ReliabilityPortal.SignInAsync(connectionString, portal.Address));
        await live.InvokeAsync("Subscribe", new object[] { new[] { "events" } });

        var load = new IngestLoad(client, service, senders: 2, interval: TimeSpan.FromMilliseconds(100), duration: TimeSpan.FromSeconds(20));
        var sending = load.RunAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));

        var stoppedAt = DateTime.UtcNow;
        await cluster.Server.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var restartedAt = DateTime.UtcNow;
        await cluster.Server.StartAsync(CancellationToken.None);
        var startedAt = DateTime.UtcNow;

        await Eventually.TrueAsync(() => Task.FromResult(load.Answers.Any(a => a.At > startedAt && a.Status == 200)), TimeSpan.FromSeconds(20),
            "a 2xx after PostgreSQL is back");
        var recovered = load.Answers.Where(a => a.At > startedAt && a.Status == 200).Min(a => a.At);
        var marker = Guid.NewGuid().ToString("N");
        await WaitForLiveEventAsync(client, live, marker);
        await sending;

        var answers = load.Answers.ToList();
        var refused = answers.Where(a => a.Status == 503).ToList();
        var stored = StoredRecords.NotExactlyOnce(load.AcknowledgedSpans, await StoredRecords.SpanCountsAsync(connectionString, service))
            .Concat(StoredRecords.NotExactlyOnce(load.AcknowledgedLogs, await StoredRecords.LogCountsAsync(connectionString, service)))
            .Concat(StoredRecords.NotExactlyOnce(load.AcknowledgedEvents, await StoredRecords.EventCountsAsync(connectionString, $"/{service}")))
            .ToList();
        var acknowledged = load.AcknowledgedSpans.Count + load.AcknowledgedLogs.Count + load.AcknowledgedEvents.Count;
        output.WriteLine($"PostgreSQL down {(restartedAt - stoppedAt).TotalSeconds:F1} s (start took {(startedAt - restartedAt).TotalSeconds:F1} s); " +
                         $"answers: {string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}.");
        output.WriteLine($"503s: {refused.Count}, slowest {(refused.Count == 0 ? 0 : refused.Max(a => a.Latency.TotalMilliseconds)):F0} ms " +
                         $"(bound {(CommitTimeout + TimeSpan.FromSeconds(1)).TotalMilliseconds:F0} ms), all with Retry-After: {refused.All(a => a.RetryAfter)}.");
        output.WriteLine($"First 2xx {(recovered - startedAt).TotalSeconds:F1} s after PostgreSQL was back; live feed delivered a new event after it.");
        output.WriteLine($"Not stored exactly once: {stored.Count} of {acknowledged:N0} acknowledged records.");

        Assert.DoesNotContain(answers, a => a.Status >= 500 && a.Status != 503);
        Assert.DoesNotContain(answers, a => a.Status == 0);
        Assert.NotEmpty(refused);
        Assert.All(refused, a => Assert.True(a.RetryAfter, $"{a.Path}: 503 without Retry-After"));
        Assert.All(refused, a => Assert.True(a.Latency <= CommitTimeout + TimeSpan.FromSeconds(1), $"{a.Path}: 503 after {a.Latency}"));
        Assert.True(recovered - startedAt < TimeSpan.FromSeconds(10), $"ingestion recovered only after {recovered - startedAt}");
        Assert.Empty(stored);
    }

    private static async Task WaitForLiveEventAsync(HttpClient client, LiveFeedClient live, string id)
    {
        var batch = $$"""[{"specversion":"1.0","id":"{{id}}","source":"/outage-marker","type":"com.bank.Marker"}]""";
        var response = await client.PostAsync("/api/ingest/events", TelemetryBatches.Json(batch, "application/cloudevents-batch+json"));
        Assert.True(response.IsSuccessStatusCode, $"marker event: {(int)response.StatusCode}");
        var deadline = Stopwatch.StartNew();
        while (!(await live.NextUpdateAsync("events", TimeSpan.FromSeconds(10) - deadline.Elapsed)).GetRawText().Contains(id))
        {
            // older updates, sent before the marker
        }
    }
}
