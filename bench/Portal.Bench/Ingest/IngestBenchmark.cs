using Portal.Bench.Data;
using Portal.Bench.Infra;
using Portal.Bench.Report;
using Portal.Core.Ingest.Otlp;
using Portal.Core.Records;

namespace Portal.Bench.Ingest;

/// <summary>
/// Issue 3: acknowledged-and-durable spans/s over HTTP for each format and several connection counts (wrk, batches of
/// 500 spans, the spans table emptied before each run), ack latency at full load (wrk) and half load (paced client),
/// the portal's peak memory, and the raw COPY baseline measured in the same run on the same table.
/// </summary>
public static class IngestBenchmark
{
    private const double TargetSpansPerSecond = 150_000, TargetRatio = 0.45, TargetPeakMiB = 600;

    public static async Task<List<Figure>> RunAsync(BenchCluster cluster, BenchSizes sizes, TextWriter log)
    {
        var command = BenchSizes.Command(sizes, "ingest");
        var figures = new List<Figure>();
        var db = await cluster.CreateDatabaseAsync("ingest");
        var key = new IngestKey();
        await using var portal = await PortalServer.StartAsync(db, key);

        double protobufBest = 0, copyRate = 0;
        WrkRunner.Result? protobufBestRun = null;
        foreach (var format in sizes.IngestFormats)
        {
            var live = new LiveBodies(format, sizes.BodiesPerFormat, seed: Array.IndexOf(WireFormat.All, format) + 1);
            // A fresh process's first seconds (JIT tiers, connection pool) would count against whichever run comes first.
            using (var warmUp = live.Next())
            {
                log.WriteLine($"ingest {format.Name}: {warmUp.Bodies.Count} bodies, {warmUp.Bytes / 1_048_576.0:N0} MiB, made anew before each run");
                await Store.TruncateSpansAsync(db);
                await WrkRunner.RunAsync(portal.Address, warmUp, key.Value, sizes.IngestConnections[^1], sizes.IngestWarmUp);
            }
            double best = 0;
            foreach (var connections in sizes.IngestConnections)
            {
                var runs = new List<WrkRunner.Result>();
                var portalCpu = new List<double>();
                var postgresCpu = new List<double>();
                for (var run = 0; run < sizes.Runs; run++)
                {
                    using var bodies = live.Next();
                    await Store.TruncateSpansAsync(db);
                    var (portalBefore, postgresBefore) = (portal.CpuSeconds(), ProcCpu.PostgresSeconds());
                    var result = await WrkRunner.RunAsync(portal.Address, bodies, key.Value, connections, sizes.IngestDuration);
                    var acked = result.Acknowledged * BodySet.SpansPerBody;
                    portalCpu.Add(ProcCpu.MicrosPerItem(portalBefore, portal.CpuSeconds(), acked));
                    postgresCpu.Add(ProcCpu.MicrosPerItem(postgresBefore, ProcCpu.PostgresSeconds(), acked));
                    var stored = await Store.ScalarAsync(db, "SELECT count(*) FROM spans");
                    log.WriteLine($"  c={connections} run {run + 1}: {acked / result.Seconds:N0} spans/s acked, {stored:N0} stored, " +
                                  $"p50 {result.P50Ms:N1} ms, p99 {result.P99Ms:N1} ms, non-2xx {result.Non2xx}, repeated bodies {result.Repeated}, " +
                                  $"CPU per span: portal {portalCpu[^1]:N2} µs, PostgreSQL {postgresCpu[^1]:N2} µs; bodies made in {live.MakingTime.TotalSeconds:N1} s");
                    // Durable means stored: a 2xx whose rows are missing would make the figure a lie.
                    if (result.Repeated == 0 && stored < acked) throw new InvalidOperationException($"{acked} spans acknowledged but only {stored} stored.");
                    runs.Add(result);
                }
                var rate = Stats.Median(runs.Select(r => r.Acknowledged * BodySet.SpansPerBody / r.Seconds));
                var repeated = runs.Sum(r => r.Repeated);
                figures.Add(new Figure($"ingest {format.Name}, {connections} connections", "spans/s", rate, runs.Count, command)
                {
                    Note = $"ack latency p50 {Stats.Median(runs.Select(r => r.P50Ms)):N1} ms, p99 {Stats.Median(runs.Select(r => r.P99Ms)):N1} ms" +
                           $"; CPU per span: portal {Stats.Median(portalCpu):N2} µs, PostgreSQL {Stats.Median(postgresCpu):N2} µs" +
                           $"; non-2xx {runs.Sum(r => r.Non2xx)}" +
                           (repeated > 0 ? $"; {repeated} bodies sent a second time (idempotent path)" : ""),
                });
                if (rate > best)
                {
                    best = rate;
                    if (format == WireFormat.OtlpProtobuf) protobufBestRun = runs.OrderBy(r => r.Acknowledged).ElementAt(runs.Count / 2);
                }
            }

            if (format != WireFormat.OtlpProtobuf) continue;
            protobufBest = best;
            copyRate = await MeasureCopyAsync(db, live, sizes, log);
            figures.Add(new Figure("COPY baseline: raw binary COPY of the same rows, 2 connections, 10,000-row transactions", "rows/s",
                copyRate, sizes.Runs, command));
            var half = await MeasureHalfLoadAsync(db, portal, live, key, best / 2, sizes, log);
            figures.Add(new Figure($"ack latency p50 at full load (OTLP protobuf, wrk, closed loop)", "ms", protobufBestRun!.P50Ms, 1, command));
            figures.Add(new Figure($"ack latency p99 at full load (OTLP protobuf, wrk, closed loop)", "ms", protobufBestRun.P99Ms, 1, command));
            figures.Add(new Figure($"ack latency p50 at half load ({best / 2:N0} spans/s, paced open loop)", "ms", Stats.Median(half.Select(h => h.P50Ms)), half.Count, command));
            figures.Add(new Figure($"ack latency p99 at half load ({best / 2:N0} spans/s, paced open loop)", "ms", Stats.Median(half.Select(h => h.P99Ms)), half.Count, command));
        }

        figures.Insert(0, new Figure("ingest OTLP protobuf, sustained (best connection count)", "spans/s", protobufBest, sizes.Runs, command)
        {
            Baseline = copyRate, BaselineName = "raw COPY rows/s",
            Target = $"≥ {TargetSpansPerSecond:N0} spans/s; ratio ≥ {TargetRatio}",
            Met = protobufBest >= TargetSpansPerSecond && protobufBest / copyRate >= TargetRatio,
        });
        var peak = portal.PeakRssMiB();
        figures.Add(new Figure("portal peak RSS over the whole ingest benchmark (VmHWM)", "MiB", peak, 1, command)
        {
            Target = $"< {TargetPeakMiB} MiB", Met = peak < TargetPeakMiB,
        });
        return figures;
    }

    private static async Task<double> MeasureCopyAsync(string db, LiveBodies live, BenchSizes sizes, TextWriter log)
    {
        // The rows the portal stores for these bodies: decoded by the same decoder.
        using var bodies = live.Next();
        var rows = new List<SpanRecord>(sizes.CopyBaselineRows);
        foreach (var body in bodies.Bodies.Take(sizes.CopyBaselineRows / BodySet.SpansPerBody))
        {
            rows.AddRange(OtlpTraceDecoder.DecodeProtobuf(body, DateTime.UtcNow).Records);
        }
        var rates = new List<double>();
        for (var run = 0; run < sizes.Runs; run++)
        {
            await Store.TruncateSpansAsync(db);
            var postgresBefore = ProcCpu.PostgresSeconds();
            rates.Add(await CopyBaseline.RunAsync(db, rows));
            var postgresCpu = ProcCpu.MicrosPerItem(postgresBefore, ProcCpu.PostgresSeconds(), rows.Count);
            log.WriteLine($"  COPY baseline run {run + 1}: {rates[^1]:N0} rows/s ({rows.Count:N0} rows), PostgreSQL CPU per row {postgresCpu:N2} µs");
        }
        return Stats.Median(rates);
    }

    private static async Task<List<PacedClient.Result>> MeasureHalfLoadAsync(string db, PortalServer portal, LiveBodies live, IngestKey key,
        double spansPerSecond, BenchSizes sizes, TextWriter log)
    {
        var results = new List<PacedClient.Result>();
        for (var run = 0; run < sizes.Runs; run++)
        {
            using var bodies = live.Next();
            await Store.TruncateSpansAsync(db);
            var result = await PacedClient.RunAsync(portal.Address, bodies, key.Value, spansPerSecond / BodySet.SpansPerBody, sizes.IngestDuration);
            log.WriteLine($"  half load run {run + 1}: {result.Acknowledged}/{result.Sent} acknowledged, p50 {result.P50Ms:N1} ms, p99 {result.P99Ms:N1} ms");
            results.Add(result);
        }
        return results;
    }
}
