using System.Diagnostics;
using Portal.Bench.Accuracy;
using Portal.Bench.Infra;
using Portal.Bench.Ingest;
using Portal.Bench.Live;
using Portal.Bench.Queries;
using Portal.Bench.Report;
using Portal.Bench.Topology;
using Portal.Bench.Window;

namespace Portal.Bench;

/// <summary>
/// Runs the benchmarks in order: the in-process ones first (decoders, window engine, topology inference: nothing else running), then those
/// against the real portal as a separate process, each with its own database in one throwaway PostgreSQL cluster.
/// </summary>
public static class BenchSuite
{
    private static readonly string[] InProcess = ["decode", "window", "inference"];
    public static readonly string[] Names = [.. InProcess, "ingest", "gauge", "accuracy", "queries"];

    public static async Task<List<Figure>> RunAsync(BenchSizes sizes, IReadOnlyCollection<string> only, DirectoryInfo? keptCluster, TextWriter log)
    {
        var figures = new List<Figure>();
        bool Selected(string name) => only.Count == 0 || only.Contains(name);

        if (Selected("decode")) figures.AddRange(Timed("decode", log, () => DecodeBenchmark.Run(sizes)));
        if (Selected("window")) figures.AddRange(Timed("window", log, () => WindowBenchmark.Run(sizes, log)));
        if (Selected("inference")) figures.AddRange(Timed("inference", log, () => InferenceBenchmark.Run(sizes, log)));
        if (!Names.Except(InProcess).Any(Selected)) return figures;

        await using var cluster = await BenchCluster.StartAsync(keptCluster);
        if (Selected("ingest")) figures.AddRange(await TimedAsync("ingest", log, () => IngestBenchmark.RunAsync(cluster, sizes, log)));
        if (Selected("gauge")) figures.AddRange(await TimedAsync("gauge", log, () => GaugeLatencyBenchmark.RunAsync(cluster, sizes, log)));
        if (Selected("accuracy")) figures.AddRange(await TimedAsync("accuracy", log, () => AccuracyBenchmark.RunAsync(cluster, sizes, log)));
        if (Selected("queries")) figures.AddRange(await TimedAsync("queries", log, () => QueryBenchmark.RunAsync(cluster, sizes, log)));
        return figures;
    }

    private static List<Figure> Timed(string name, TextWriter log, Func<List<Figure>> run)
    {
        log.WriteLine($"== {name}");
        var clock = Stopwatch.StartNew();
        var figures = run();
        log.WriteLine($"== {name} took {clock.Elapsed.TotalSeconds:N0} s");
        return figures;
    }

    private static async Task<List<Figure>> TimedAsync(string name, TextWriter log, Func<Task<List<Figure>>> run)
    {
        log.WriteLine($"== {name}");
        var clock = Stopwatch.StartNew();
        var figures = await run();
        log.WriteLine($"== {name} took {clock.Elapsed.TotalSeconds:N0} s");
        return figures;
    }
}
