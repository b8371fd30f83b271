using System.Collections.Concurrent;
using System.Diagnostics;
using Portal.Testing;
using Xunit.Abstractions;

namespace Portal.Tests.Reliability;

/// <summary>
/// About three times the measured capacity, offered by many concurrent clients for a bounded time: the excess is refused
/// with 429 and Retry-After, memory stays bounded, accepted requests stay fast, and the portal stays up.
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class OverloadTests(ITestOutputHelper output)
{
    private const int SpansPerBatch = 100;
    private const int MaxPendingRecords = 1_000;
    private const double RssBoundMiB = 512;
    private static readonly TimeSpan P99Bound = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan OverloadDuration = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Three_times_capacity_is_refused_with_429_while_memory_and_latency_stay_bounded()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync("overload");
        await using var portal = await ReliabilityPortal.StartAsync(connectionString, PortalProcess.FreePort(),
            new Dictionary<string, string?> { ["Portal__Pipeline__MaxPendingRecords"] = MaxPendingRecords.ToString() });
        using var client = ReliabilityPortal.Client(portal.Address, TimeSpan.FromSeconds(30));
        var sender = new SpanBatchSender(client, $"load{Guid.NewGuid():N}"[..14], SpansPerBatch);
        var startMiB = ReliabilityPortal.ResidentMiB(portal.Id);

        var capacity = await MeasureCapacityAsync(sender);
        var rate = 3 * capacity / SpansPerBatch;
        List<IngestLoad.Answer> answers;
        double peakMiB;
        await using (var memory = new MemorySampler(portal.Id, TimeSpan.FromMilliseconds(200)).Start())
        {
            answers = await OfferAsync(sender, rate, OverloadDuration);
            peakMiB = memory.PeakMiB;
        }

        var accepted = answers.Where(a => a.Status == 200).Select(a => a.Latency).Order().ToList();
        var tooMany = answers.Where(a => a.Status == 429).ToList();
        var p99 = Percentile(accepted, 0.99);
        output.WriteLine($"Capacity {capacity:N0} spans/s; offered {answers.Count * SpansPerBatch / OverloadDuration.TotalSeconds:N0} spans/s " +
                         $"({answers.Count:N0} requests of {SpansPerBatch} in {OverloadDuration.TotalSeconds:F0} s, target {3 * capacity:N0}/s).");
        output.WriteLine($"Answers: {string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count():N0}"))}; " +
                         $"accepted {accepted.Count * SpansPerBatch / OverloadDuration.TotalSeconds:N0} spans/s.");
        output.WriteLine($"Accepted latency p50 {Percentile(accepted, 0.5).TotalMilliseconds:F0} ms, p99 {p99.TotalMilliseconds:F0} ms (bound {P99Bound.TotalMilliseconds:F0} ms); " +
                         $"RSS {startMiB:F0} MiB at start, peak {peakMiB:F0} MiB (bound {RssBoundMiB:F0} MiB).");

        Assert.NotEmpty(tooMany);
        Assert.All(tooMany, a => Assert.True(a.RetryAfter, "429 without Retry-After"));
        Assert.DoesNotContain(answers, a => a.Status is not (200 or 429));
        Assert.True(p99 <= P99Bound, $"accepted p99 {p99}");
        Assert.True(peakMiB <= RssBoundMiB, $"RSS peaked at {peakMiB:F0} MiB");
        Assert.False(portal.HasExited);
        Assert.True(await ReliabilityPortal.IsHealthyAsync(portal.Address));
    }

    /// <summary>Accepted spans per second with eight clients sending back to back, after a second of warm-up (JIT, connections).</summary>
    private static async Task<double> MeasureCapacityAsync(SpanBatchSender sender)
    {
        var accepted = 0;
        var clock = Stopwatch.StartNew();
        var warmUp = TimeSpan.FromSeconds(1);
        TimeSpan? measuredFrom = null;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = 0; i < 1_000 && clock.Elapsed < TimeSpan.FromSeconds(4); i++)
            {
                var ok = (await sender.SendAsync()).Status == 200;
                if (clock.Elapsed < warmUp) continue;
                measuredFrom ??= clock.Elapsed;
                if (ok) Interlocked.Add(ref accepted, sender.SpansPerBatch);
            }
        }));
        return accepted / (clock.Elapsed - (measuredFrom ?? warmUp)).TotalSeconds;
    }

    /// <summary>Open loop: requests start at <paramref name="perSecond"/> whatever the answers' latency (at most 400 in flight).</summary>
    private static async Task<List<IngestLoad.Answer>> OfferAsync(SpanBatchSender sender, double perSecond, TimeSpan duration)
    {
        var answers = new ConcurrentQueue<IngestLoad.Answer>();
        using var inFlight = new SemaphoreSlim(400);
        var requests = new List<Task>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * perSecond) - requests.Count;
            for (var i = 0; i < due && await inFlight.WaitAsync(duration - clock.Elapsed); i++)
            {
                requests.Add(Task.Run(async () =>
                {
                    answers.Enqueue(await sender.SendAsync());
                    inFlight.Release();
                }));
            }
            await Task.Delay(10);
        }
        await Task.WhenAll(requests);
        return answers.ToList();
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double q) => sorted.Count == 0 ? TimeSpan.Zero : sorted[(int)Math.Ceiling(sorted.Count * q) - 1];
}
