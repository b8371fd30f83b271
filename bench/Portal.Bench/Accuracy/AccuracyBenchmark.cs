using Portal.Bench.Infra;
using Portal.Bench.Report;
using Portal.Testing;
using Portal.TrafficGen;
using Portal.TrafficGen.Running;
using Portal.TrafficGen.Senders;

namespace Portal.Bench.Accuracy;

/// <summary>
/// Timeliness and accuracy under the traffic generator's default disorder (native format): timeliness is the window
/// engine's own figure (share of spans in their window's first result), read from the live feed's "system" group that
/// the /system page shows; accuracy compares, window by window, the count the portal stored (1-second rollups plus late
/// deltas, scope "all") with the spans actually stored in that second.
/// </summary>
public static class AccuracyBenchmark
{
    private const double TargetTimeliness = 0.95;

    private const string PerWindowComparison = """
        WITH counted AS (
            SELECT window_start, sum(count) AS n FROM (
                SELECT window_start, count FROM rollups WHERE resolution_s = 1 AND scope = 0
                UNION ALL
                SELECT window_start, count FROM rollup_deltas WHERE resolution_s = 1 AND scope = 0) parts
            GROUP BY window_start),
        truth AS (SELECT date_trunc('second', start_time) AS window_start, count(*) AS n FROM spans GROUP BY 1)
        SELECT count(*) FILTER (WHERE counted.n IS NOT DISTINCT FROM truth.n) * 1000000 / greatest(count(*), 1)
        FROM truth FULL JOIN counted ON counted.window_start = truth.window_start
        """;

    private const string CountedTotal = """
        SELECT coalesce((SELECT sum(count) FROM rollups WHERE resolution_s = 1 AND scope = 0), 0)
             + coalesce((SELECT sum(count) FROM rollup_deltas WHERE resolution_s = 1 AND scope = 0), 0)
        """;

    public static async Task<List<Figure>> RunAsync(BenchCluster cluster, BenchSizes sizes, TextWriter log)
    {
        var command = BenchSizes.Command(sizes, "accuracy");
        var db = await cluster.CreateDatabaseAsync("accuracy");
        var key = new IngestKey();
        await using var portal = await PortalServer.StartAsync(db, key);

        var stats = new TrafficStats();
        await using (var sender = SenderFactory.Create(new SenderOptions(portal.Address, key.Value) { Format = TelemetryFormat.Native }, stats))
        {
            var traffic = new TrafficOptions { Seed = 42, Rate = sizes.AccuracyTransactionsPerSecond, Duration = sizes.AccuracyDuration };
            using var limit = new CancellationTokenSource(sizes.AccuracyDuration + TimeSpan.FromMinutes(2));
            await new TrafficRunner(traffic, sender, batchSize: 500, concurrency: 4, stats).RunAsync(limit.Token);
        }
        var sent = stats.Snapshot(DateTime.UtcNow, 0);

        // Every window is final once the watermark has passed it and its lateness is over; then counted == stored.
        var stored = await Store.ScalarAsync(db, "SELECT count(*) FROM spans");
        var settleUntil = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        long counted;
        while ((counted = await Store.ScalarAsync(db, CountedTotal)) != stored && DateTime.UtcNow < settleUntil) await Task.Delay(500);
        var windowsRight = await Store.ScalarAsync(db, PerWindowComparison) / 1e6;
        var timeliness = await CurrentTimelinessAsync(portal);
        log.WriteLine($"accuracy: {sent.SpansSent:N0} spans sent, {sent.Failed:N0} failed, {stored:N0} stored, {counted:N0} counted in rollups + deltas; " +
                      $"{windowsRight:P3} of windows exact; timeliness {timeliness:P2}");

        return
        [
            new Figure($"timeliness under the generator's default disorder ({sizes.AccuracyDuration.TotalSeconds:N0} s at {sizes.AccuracyTransactionsPerSecond} tx/s, native)",
                "% of spans in their window's first result", timeliness * 100, 1, command)
            {
                Target = $"≥ {TargetTimeliness:P0}", Met = timeliness >= TargetTimeliness,
            },
            new Figure("accuracy after correction: 1 s windows whose count (rollups + late deltas) equals the spans stored in that second",
                "% of windows", windowsRight * 100, 1, command)
            {
                Target = "100%", Met = windowsRight >= 1,
                Note = $"{sent.SpansSent:N0} spans sent ({sent.Failed:N0} failed), {stored:N0} stored, {counted:N0} counted in rollups + deltas",
            },
        ];
    }

    /// <summary>The engine's figure as the /system page receives it: the first "system" update after subscribing.</summary>
    private static async Task<double> CurrentTimelinessAsync(PortalServer portal)
    {
        await using var feed = await LiveFeedClient.ConnectAsync(portal.Address, portal.Cookie);
        await feed.InvokeAsync("Subscribe", (object)new[] { "system" });
        var update = await feed.NextUpdateAsync("system", TimeSpan.FromSeconds(5));
        return update.GetProperty("timeliness").GetDouble();
    }
}
