using System.Diagnostics;
using Portal.Bench.Report;
using Portal.Core.Records;
using Portal.Core.Topology;
using Portal.TrafficGen.Simulation;

namespace Portal.Bench.Topology;

/// <summary>
/// Topology inference alone (one thread, in process): one scenario's traces from the simulated bank (the transfer call
/// tree with its optional, retried and failing calls), spread over 15 minutes, inferred in one call as the inference job
/// makes it. The traces are built before the clock starts; the figure is the time of <see cref="TopologyInference.Infer"/>.
/// </summary>
public static class InferenceBenchmark
{
    private const string Scenario = "transfer";
    private const double TargetSeconds = 2;
    private static readonly TimeSpan Spread = TimeSpan.FromMinutes(15);

    public static List<Figure> Run(BenchSizes sizes, TextWriter log)
    {
        var command = BenchSizes.Command(sizes, "inference");
        var traces = Traces(sizes.InferenceTraces);
        var spans = traces.Sum(t => t.Count);
        var inferredAt = DateTime.UtcNow;

        TopologyInference.Infer(Scenario, traces, inferredAt);
        var seconds = new List<double>();
        InferredTopology? topology = null;
        for (var run = 0; run < sizes.Runs + 2; run++)
        {
            GC.Collect();
            var clock = Stopwatch.StartNew();
            topology = TopologyInference.Infer(Scenario, traces, inferredAt);
            clock.Stop();
            seconds.Add(clock.Elapsed.TotalSeconds);
            log.WriteLine($"  inference run {run + 1}: {clock.Elapsed.TotalMilliseconds:N0} ms");
        }

        var median = Stats.Median(seconds);
        var main = topology!.Edges.Count(e => e.Category == EdgeCategory.Main);
        return
        [
            new Figure($"topology inference, one scenario of {traces.Count:N0} traces ({spans:N0} spans), 1 thread", "s", median, seconds.Count, command)
            {
                Target = $"≤ {TargetSeconds} s", Met = median <= TargetSeconds,
                Note = $"{traces.Count / median:N0} traces/s; {topology.Nodes.Count} nodes, {main} main-path and {topology.Edges.Count - main} sporadic edges, " +
                       $"confidence {topology.Confidence:N3}",
            },
        ];
    }

    /// <summary>The scenario's transactions as the store returns them: one list of spans per trace.</summary>
    private static List<IReadOnlyList<SpanRecord>> Traces(int count)
    {
        var simulation = new BankSimulation(seed: 7);
        var start = DateTime.UtcNow - Spread;
        var step = Spread / count;
        var traces = new List<IReadOnlyList<SpanRecord>>(count);
        for (var serial = 0; serial < count; serial++)
        {
            var transaction = simulation.Generate(serial, start + step * serial, scenario: Scenario);
            traces.Add(transaction.Spans.Select(ToRecord).ToList());
        }
        return traces;
    }

    private static SpanRecord ToRecord(SimSpan span) => new()
    {
        TraceId = TraceId.TryParse(span.TraceId, out var traceId) ? traceId : throw new FormatException(span.TraceId),
        SpanId = SpanId.TryParse(span.SpanId, out var spanId) ? spanId : throw new FormatException(span.SpanId),
        ParentSpanId = SpanId.TryParse(span.ParentSpanId, out var parent) ? parent : null,
        Service = span.Service,
        Endpoint = span.Endpoint,
        Instance = span.Instance,
        Kind = span.Kind == SimSpanKind.Client ? SpanKind.Client : SpanKind.Server,
        StartTime = span.ReportedStart,
        DurationMicros = (long)(span.DurationMs * 1000),
        IsError = !span.Success,
        StatusCode = span.ResultCode,
        Scenario = span.Scenario,
    };
}
