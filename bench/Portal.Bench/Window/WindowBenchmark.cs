using System.Diagnostics;
using Portal.Bench.Report;
using Portal.Core.Windowing;

namespace Portal.Bench.Window;

/// <summary>
/// The window engine alone (one thread, in process): a span stream in arrival order (delays 0–3 s, 1% up to 60 s) over
/// about 10,000 keys in the five scopes, with a processing-time tick every 100 ms, as the WindowProcessor drives it.
/// Reports records/s of an engine that has already run (the cold rate of a new one beside it) and the engine's state
/// memory halfway through its first stream. Beside each run, the machine's memory latency (<see cref="MemoryLatencyProbe"/>):
/// the ratio, records per dependent random read, tells a slower engine from a slower (shared) machine.
/// </summary>
public static class WindowBenchmark
{
    private const int SpansPerEventSecond = 100_000;
    private const double TargetRecordsPerSecond = 2_000_000;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    public static List<Figure> Run(BenchSizes sizes, TextWriter log)
    {
        var command = BenchSizes.Command(sizes, "window");
        var stream = new SyntheticSpans(sizes.WindowRecords, SpansPerEventSecond, seed: 42);

        // Warm-up, and the memory measurement: the engine's state halfway through, with everything else collected.
        long stateBytes = 0;
        WindowEngineStats? stats = null;
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var warm = new WindowEngine();
        Feed(stream, warm, () =>
        {
            stateBytes = GC.GetTotalMemory(forceFullCollection: true) - baseline;
            stats = warm.GetStats();
        });

        // A host runs one engine for days: its span tables have grown to size and its windows' arrays are reused. A new
        // engine also grows its tables into freshly zeroed pages during its first millions of records (5–12% slower here).
        // Each run therefore feeds a new engine the stream once (the cold figure), then times the same traffic continued.
        var continued = stream.Continued();
        var probe = new MemoryLatencyProbe(seed: 7);
        var probeRates = new List<double>();
        var rates = new List<double>();
        var coldRates = new List<double>();
        long allocatedPerRecord = 0;
        long emitted = 0;
        for (var run = 0; run < sizes.Runs + 2; run++)
        {
            GC.Collect();
            var engine = new WindowEngine();
            var cold = Stopwatch.StartNew();
            Feed(stream, engine);
            cold.Stop();
            coldRates.Add(stream.Spans.Length / cold.Elapsed.TotalSeconds);

            GC.Collect();
            var readsBefore = probe.ReadsPerSecond();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            emitted = Feed(continued, engine);
            clock.Stop();
            allocatedPerRecord = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / continued.Spans.Length;
            rates.Add(continued.Spans.Length / clock.Elapsed.TotalSeconds);
            probeRates.Add((readsBefore + probe.ReadsPerSecond()) / 2);
            log.WriteLine($"  window run {run + 1}: {rates[^1]:N0} records/s (cold, the first {stream.Spans.Length:N0}: {coldRates[^1]:N0}), {emitted:N0} results, {allocatedPerRecord} B allocated per record; memory latency around it {1e9 / probeRates[^1]:F0} ns, {rates[^1] / probeRates[^1]:F3} records per dependent read");
        }

        var median = Stats.Median(rates);
        var probeMedian = Stats.Median(probeRates);
        return
        [
            new Figure($"window engine, {continued.Spans.Length:N0} spans after {stream.Spans.Length:N0} of warm-up, {stats!.Keys:N0} keys in 5 scopes, 1 thread", "records/s", median, rates.Count, command)
            {
                Target = $"≥ {TargetRecordsPerSecond:N0}", Met = median >= TargetRecordsPerSecond,
                Baseline = probeMedian, BaselineName = $"dependent random reads/s in 64 MiB, before and after each run ({1e9 / probeMedian:F0} ns each)",
                Note = $"each record updates its window in 5 scopes (all, service, endpoint, edge via the parent's service, scenario); " +
                       "ratio: records per dependent random read of the same moment, which stays level while the machine's memory latency moves; " +
                       $"cold (a new engine's first {stream.Spans.Length:N0} records, tables growing): {Stats.Median(coldRates):N0} records/s; " +
                       $"{allocatedPerRecord} B allocated per record, {emitted:N0} results; halfway through the cold pass: {stats.OpenWindows} open windows, {stats.OpenAggregates:N0} open (key, window) " +
                       $"aggregates, {stats.RememberedSpans:N0} remembered spans, {stats.WaitingChildren:N0} children waiting for their parent; timeliness {stats.Timeliness:P1}",
            },
            new Figure($"window engine state at {stats.Keys:N0} keys (halfway, after a full GC)", "MiB", stateBytes / 1_048_576.0, 1, command),
        ];
    }

    private static long Feed(SyntheticSpans stream, WindowEngine engine, Action? atHalf = null)
    {
        long emitted = 0;
        var now = stream.Arrivals[0];
        for (var i = 0; i < stream.Spans.Length; i++)
        {
            if (i == stream.Spans.Length / 2) atHalf?.Invoke();
            var arrival = stream.Arrivals[i];
            while (arrival > now)
            {
                emitted += engine.AdvanceTo(now).Count;
                now += Tick;
            }
            engine.Add(stream.Spans[i], arrival);
        }
        return emitted;
    }
}
