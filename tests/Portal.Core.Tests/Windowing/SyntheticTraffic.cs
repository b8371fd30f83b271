using Portal.Core.Records;
using Portal.Core.Windowing;

namespace Portal.Core.Tests.Windowing;

/// <summary>
/// Random traces over a few services and instances with the seed's arrival delays: 0–3 s for 99% of spans,
/// 3–60 s for 1%. Each span comes with its arrival time; <see cref="InArrivalOrder"/> is the order a host sees them in.
/// </summary>
internal sealed class SyntheticTraffic
{
    private static readonly string[] Services = ["gateway", "payments", "accounts", "ledger", "notify"];
    private static readonly string[] Endpoints = ["GET /transfer", "POST /transfer", "GET /balance"];
    private static readonly string[] Scenarios = ["transfer", "open-account"];

    public List<(SpanRecord Span, DateTime Arrival)> Arrivals { get; } = [];

    public SyntheticTraffic(int seed, TimeSpan duration, int tracesPerSecond)
    {
        var random = new Random(seed);
        ulong nextSpanId = 1;
        var traces = (int)(duration.TotalSeconds * tracesPerSecond);
        for (var t = 0; t < traces; t++)
        {
            var traceId = new TraceId((ulong)seed, (ulong)t + 1);
            var start = Spans.T0.AddTicks(random.NextInt64(duration.Ticks));
            var scenario = random.NextDouble() < 0.7 ? Scenarios[random.Next(Scenarios.Length)] : null;
            AddSpan(random, traceId, ref nextSpanId, default, "gateway", start, depth: 0, scenario);
        }
        Arrivals.Sort((a, b) => a.Arrival.CompareTo(b.Arrival));
    }

    public IEnumerable<(SpanRecord Span, DateTime Arrival)> InArrivalOrder => Arrivals;

    private void AddSpan(Random random, TraceId traceId, ref ulong nextSpanId, SpanId parent, string service, DateTime start, int depth, string? scenario)
    {
        var spanId = new SpanId(nextSpanId++);
        var duration = (long)Math.Exp(Math.Log(5_000) + 1.0 * LatencySketchTests.Normal(random));
        var span = new SpanRecord
        {
            TraceId = traceId,
            SpanId = spanId,
            ParentSpanId = parent.IsEmpty ? null : parent,
            Service = service,
            Endpoint = Endpoints[random.Next(Endpoints.Length)],
            Instance = service + "-" + random.Next(2),
            StartTime = start,
            DurationMicros = random.NextDouble() < 0.01 ? 0 : duration,
            IsError = random.NextDouble() < 0.03,
            Scenario = scenario,
        };
        var delay = random.NextDouble() < 0.01 ? 3 + random.NextDouble() * 57 : random.NextDouble() * 3;
        Arrivals.Add((span, start.AddSeconds(delay)));

        if (depth >= 3) return;
        var children = random.Next(0, depth == 0 ? 4 : 3);
        for (var c = 0; c < children; c++)
        {
            // Mostly other services, sometimes the same one (an internal call that makes no edge).
            var callee = random.NextDouble() < 0.1 ? service : Services[random.Next(1, Services.Length)];
            var childStart = start.AddTicks(random.NextInt64(Math.Max(1, duration * 10)));
            AddSpan(random, traceId, ref nextSpanId, spanId, callee, childStart, depth + 1, scenario);
        }
    }

    /// <summary>Every (key, window) the spans fall in, computed offline from the whole set.</summary>
    public Dictionary<(WindowKey Key, DateTime Window), (WindowAggregate Aggregate, List<long> Durations)> Expected(TimeSpan windowSize)
    {
        var services = Arrivals.ToDictionary(a => a.Span.SpanId, a => a.Span.Service);
        var expected = new Dictionary<(WindowKey, DateTime), (WindowAggregate, List<long>)>();
        void Count(WindowKey key, SpanRecord span)
        {
            var window = new DateTime(span.StartTime.Ticks - span.StartTime.Ticks % windowSize.Ticks, DateTimeKind.Utc);
            if (!expected.TryGetValue((key, window), out var entry)) expected[(key, window)] = entry = (new WindowAggregate(), []);
            entry.Item1.Add(span.DurationMicros, span.IsError);
            entry.Item2.Add(span.DurationMicros);
        }
        foreach (var (span, _) in Arrivals)
        {
            Count(WindowKey.All, span);
            Count(WindowKey.ForService(span.Service), span);
            Count(WindowKey.ForEndpoint(span.Service, span.Endpoint), span);
            if (span.ParentSpanId is not { } parent)
            {
                if (span.Scenario is not null) Count(WindowKey.ForScenario(span.Scenario), span);
            }
            else if (services[parent] != span.Service)
            {
                Count(WindowKey.ForEdge(services[parent], span.Service), span);
            }
        }
        return expected;
    }
}
