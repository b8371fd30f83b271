// Run from the repository root: dotnet run -c Release --project bench/Portal.Bench.Window [-- records]
using System.Diagnostics;
using Portal.Bench.Window;
using Portal.Core.Windowing;

// Feeds a span stream in arrival order with a processing-time tick every 100 ms and reports records/s (median of 5 runs)
// and the engine's state memory halfway through the stream (its steady state), as a Markdown table row.
var Records = args.Length > 0 ? int.Parse(args[0]) : 4_000_000;
const int SpansPerEventSecond = 100_000;
const int Runs = 5;
var tick = TimeSpan.FromMilliseconds(100);

Console.Error.WriteLine($"Generating {Records:N0} spans...");
var stream = new SyntheticSpans(Records, SpansPerEventSecond, seed: 42);

long Feed(WindowEngine engine, Action? atHalf = null)
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
            now += tick;
        }
        engine.Add(stream.Spans[i], arrival);
    }
    return emitted;
}

// Warm-up, and the memory measurement: the engine's state halfway through, with everything else collected.
long stateBytes = 0;
WindowEngineStats? stats = null;
{
    GC.Collect();
    var baseline = GC.GetTotalMemory(forceFullCollection: true);
    var engine = new WindowEngine();
    Feed(engine, () =>
    {
        stateBytes = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        stats = engine.GetStats();
    });
}

var rates = new List<double>();
long allocatedPerRecord = 0;
for (var run = 0; run < Runs; run++)
{
    GC.Collect();
    var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    var emitted = Feed(new WindowEngine());
    watch.Stop();
    allocatedPerRecord = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Records;
    rates.Add(Records / watch.Elapsed.TotalSeconds);
    Console.Error.WriteLine($"run {run + 1}: {rates[^1]:N0} records/s, {emitted:N0} results, {allocatedPerRecord} B allocated per record");
}
rates.Sort();
var median = rates[Runs / 2];

Console.WriteLine("| date | cpu | records | keys | records/s (median of 5) | engine state | open windows | open (key, window) aggregates | remembered spans | waiting children | allocated/record | timeliness |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
Console.WriteLine($"| {DateTime.UtcNow:yyyy-MM-dd} | {Environment.ProcessorCount} cores, 1 used | {Records:N0} | {stats!.Keys:N0} | {median:N0} | {stateBytes / 1_048_576.0:N1} MiB | {stats.OpenWindows} | {stats.OpenAggregates:N0} | {stats.RememberedSpans:N0} | {stats.WaitingChildren:N0} | {allocatedPerRecord} B | {stats.Timeliness:P1} |");
