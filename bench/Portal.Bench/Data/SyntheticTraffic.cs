using Portal.Core.Records;

namespace Portal.Bench.Data;

/// <summary>
/// Deterministic call records for the store-bound benchmarks: 20 services × 10 endpoints × 3 instances, traces of one
/// root and a few children, two attributes per span. Every span id is new (a counter under a per-generator trace-id
/// prefix), so nothing generated is ever a retry of something stored. <paramref name="services"/> limits the services
/// (and so the instances, the watermark's sources) that spans come from.
/// </summary>
public sealed class SyntheticTraffic(int seed, int services = SyntheticTraffic.ServiceCount)
{
    public const int ServiceCount = 20;
    public const int EndpointsPerService = 10;
    public const int InstancesPerService = 3;

    private readonly Random _random = new(seed);
    private readonly ulong _prefix = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
    private ulong _next = 1;

    public static string Service(int i) => $"svc-{i:00}";
    public static string Endpoint(int i) => $"POST /api/v1/op-{i:00}";
    public static string Instance(int service, int i) => $"10.0.{service}.{i + 1}:8080";

    /// <summary><paramref name="count"/> spans whose start times lie in [<paramref name="from"/>, <paramref name="from"/> + <paramref name="spread"/>).</summary>
    public List<SpanRecord> Spans(int count, DateTime from, TimeSpan spread)
    {
        var spans = new List<SpanRecord>(count);
        while (spans.Count < count)
        {
            var traceId = new TraceId(_prefix, _next++);
            var start = from.AddTicks(_random.NextInt64(Math.Max(1, spread.Ticks)));
            var root = Span(traceId, null, start, _random.Next(services));
            spans.Add(root);
            var children = Math.Min(_random.Next(2, 6), count - spans.Count);
            for (var c = 0; c < children; c++)
            {
                spans.Add(Span(traceId, root.SpanId, start.AddTicks(_random.Next(1, 50_000)), _random.Next(services)));
            }
        }
        return spans;
    }

    /// <summary>One trace of <paramref name="count"/> spans: a root, then each span the child of an earlier one.</summary>
    public List<SpanRecord> Trace(int count, DateTime start)
    {
        var traceId = new TraceId(_prefix, _next++);
        var spans = new List<SpanRecord> { Span(traceId, null, start, 0) };
        while (spans.Count < count)
        {
            var parent = spans[_random.Next(spans.Count)];
            spans.Add(Span(traceId, parent.SpanId, parent.StartTime.AddTicks(_random.Next(1, 20_000)), _random.Next(services)));
        }
        return spans;
    }

    private SpanRecord Span(TraceId traceId, SpanId? parent, DateTime start, int service)
    {
        var isError = _random.NextDouble() < 0.02;
        return new SpanRecord
        {
            TraceId = traceId,
            SpanId = new SpanId(_next++),
            ParentSpanId = parent,
            Service = Service(service),
            Endpoint = Endpoint(_random.Next(EndpointsPerService)),
            Instance = Instance(service, _random.Next(InstancesPerService)),
            Kind = SpanKind.Server,
            StartTime = start,
            DurationMicros = (long)Math.Exp(Math.Log(5_000) + _random.NextDouble() * 2 - 1),
            IsError = isError,
            StatusCode = isError ? "E051" : "0000",
            Scenario = parent is null ? "TRANSFER" : null,
            AttributesJson = $$"""{"bank.channel":"mobile","amount":{{_random.Next(1, 100_000)}}}""",
        };
    }
}
