using System.Diagnostics;
using Portal.Bench.Report;
using Portal.Core.Windowing;

namespace Portal.Bench.Window;

/// <summary>
/// The window engine alone (one thread, in process): a span stream in arrival order (delays 0–3 s, 1% up to 60 s) over
/// about 10,000 keys in the five scopes, with a processing-time tick every 100 ms, as the WindowProcessor drives it.
/// Reports records/s and the engine's state memory halfway through the stream (its steady state).
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

        var rates = new List<double>();
        long allocatedPerRecord = 0, secondHalfPerRecord = 0;
        for (var run = 0; run < sizes.Runs + 2; run++)
        {
            GC.Collect();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long allocatedAtHalf = 0;
            var clock = Stopwatch.StartNew();
            var emitted = Feed(stream, new WindowEngine(), () => allocatedAtHalf = GC.GetAllocatedBytesForCurrentThread());
            clock.Stop();
            var allocatedAfter = GC.GetAllocatedBytesForCurrentThread();
            allocatedPerRecord = (allocatedAfter - allocatedBefore) / stream.Spans.Length;
            // The second half is closer to a long-running engine's steady state: its tables and windows have grown.
            secondHalfPerRecord = (allocatedAfter - allocatedAtHalf) / (stream.Spans.Length - stream.Spans.Length / 2);
            rates.Add(stream.Spans.Length / clock.Elapsed.TotalSeconds);
            log.WriteLine($"  window run {run + 1}: {rates[^1]:N0} records/s, {emitted:N0} results, {allocatedPerRecord} B allocated per record ({secondHalfPerRecord} B in the second half)");
        }

        var median = Stats.Median(rates);
        return
        [
            new Figure($"window engine, {stream.Spans.Length:N0} spans, {stats!.Keys:N0} keys in 5 scopes, 1 thread", "records/s", median, rates.Count, command)
            {
                Target = $"≥ {TargetRecordsPerSecond:N0}", Met = median >= TargetRecordsPerSecond,
                Note = $"each record updates its window in 5 scopes (all, service, endpoint, edge via the parent's service, scenario); " +
                       $"{allocatedPerRecord} B allocated per record ({secondHalfPerRecord} B in the second half); halfway: {stats.OpenWindows} open windows, {stats.OpenAggregates:N0} open (key, window) " +
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
