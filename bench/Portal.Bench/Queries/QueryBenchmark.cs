using System.Diagnostics;
using Portal.Bench.Data;
using Portal.Bench.Infra;
using Portal.Bench.Report;

namespace Portal.Bench.Queries;

/// <summary>
/// Issue 5: p95 latency of the read API's JSON endpoints over repeated calls (one at a time, after three warm-up
/// calls) on a store filled to a stated size.
/// </summary>
public static class QueryBenchmark
{
    private const int WarmUpCalls = 3;

    public static async Task<List<Figure>> RunAsync(BenchCluster cluster, BenchSizes sizes, TextWriter log)
    {
        var command = BenchSizes.Command(sizes, "queries");
        var db = cluster.IsKept
            ? await cluster.NamedDatabaseAsync($"queries_{sizes.QuerySpans}_{sizes.QueryLogs}")
            : await cluster.CreateDatabaseAsync("queries");
        // A kept fill may meet new migrations (indexes on millions of rows) when the portal starts.
        await using var portal = await PortalServer.StartAsync(db, new IngestKey(), readyWithin: TimeSpan.FromMinutes(30));

        var filled = cluster.IsKept ? await KeptFill.FindAsync(db) : null;
        if (filled is null)
        {
            var clock = Stopwatch.StartNew();
            filled = await QueryFill.RunAsync(db, sizes.QuerySpans, sizes.QueryLogs, DateTime.UtcNow);
            await Store.ExecuteAsync(db, "VACUUM ANALYZE");
            if (cluster.IsKept) await KeptFill.RememberAsync(db, filled);
            log.WriteLine($"queries: filled {sizes.QuerySpans:N0} spans and {sizes.QueryLogs:N0} logs in {clock.Elapsed.TotalSeconds:N0} s");
        }
        else
        {
            log.WriteLine($"queries: reusing the kept fill of {filled.DataFrom:u} to {filled.DataTo:u}");
        }
        // Intervals relative to the fill's end, so a reused fill is queried exactly as when it was written.
        var now = filled.DataTo;

        string Iso(DateTime t) => Uri.EscapeDataString(t.ToString("O"));
        var minute = filled.DataFrom + QueryFill.DataSpan / 2;
        var size = $"{sizes.QuerySpans / 1e6:0.##} M spans, {sizes.QueryLogs / 1e6:0.##} M logs over {QueryFill.DataSpan.TotalHours:N0} h";
        var cases = new (string Name, string Path, double TargetMs)[]
        {
            ($"GET /api/traces/{{id}}/view, a {QueryFill.TraceSpans}-span trace ({size})", $"/api/traces/{filled.Trace}/view", 100),
            ($"GET /api/transactions, one service, 1-minute interval ({size})",
                $"/api/transactions?service={SyntheticTraffic.Service(3)}&from={Iso(minute)}&to={Iso(minute.AddMinutes(1))}", 200),
            ("GET /api/series, one service, 24 h curve from minute rollups (1,440 points)",
                $"/api/series?scope=service&key={SyntheticTraffic.Service(3)}&from={Iso(now.AddHours(-24))}", 200),
            ($"GET /api/logs?q=account frozen, full text over 3 h ({size})",
                $"/api/logs?q=account%20frozen&from={Iso(filled.DataFrom.AddHours(-1))}&to={Iso(now)}", 300),
        };

        using var http = portal.ReadClient(TimeSpan.FromSeconds(60));
        var figures = new List<Figure>();
        foreach (var (name, path, target) in cases)
        {
            var times = new List<double>();
            long bytes = 0;
            for (var call = 0; call < WarmUpCalls + sizes.QueryRepeats; call++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(path);
                var body = await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                bytes = body.Length;
                if (call >= WarmUpCalls) times.Add(watch.Elapsed.TotalMilliseconds);
            }
            var p95 = Stats.Percentile(times, 95);
            log.WriteLine($"  {path}: p50 {Stats.Median(times):N1} ms, p95 {p95:N1} ms, {bytes:N0} bytes");
            figures.Add(new Figure($"{name}: p95", "ms", p95, times.Count, command)
            {
                Target = $"≤ {target} ms", Met = p95 <= target,
                Note = $"p50 {Stats.Median(times):N1} ms; answer {bytes / 1024.0:N0} KiB; {times.Count} calls one after another",
            });
        }
        return figures;
    }
}
