using Portal.Core.Records;

namespace Portal.Bench.Window;

/// <summary>
/// A pre-generated span stream, sorted by arrival: 100 services × 80 endpoints, 4 instances each, 400 scenarios, each
/// service calling 15 others, so about 10,000 window keys over the five scopes. Traces have about four spans; delays are
/// the seed's 0–3 s for 99% of spans and 3–60 s for 1%.
/// </summary>
internal sealed class SyntheticSpans
{
    private const int ServiceCount = 100;
    private const int EndpointsPerService = 80;
    private const int InstancesPerService = 4;
    private const int ScenarioCount = 400;
    private const int CalleesPerService = 15;

    public SpanRecord[] Spans { get; }
    public DateTime[] Arrivals { get; }
    /// <summary>The earliest event time (start) a span may have.</summary>
    private readonly DateTime _start;
    /// <summary>Trace and span ids of this stream are below this (from 1 for the first stream); a continued one starts here.</summary>
    private readonly ulong _ids;

    private SyntheticSpans(SpanRecord[] spans, DateTime[] arrivals, DateTime start, ulong ids)
    {
        Spans = spans;
        Arrivals = arrivals;
        _start = start;
        _ids = ids;
    }

    public SyntheticSpans(int count, int spansPerEventSecond, int seed)
    {
        var random = new Random(seed);
        var services = Enumerable.Range(0, ServiceCount).Select(s => $"svc-{s:000}").ToArray();
        var endpoints = Enumerable.Range(0, EndpointsPerService).Select(e => $"GET /api/v1/resource-{e:00}").ToArray();
        var instances = services.Select(s => Enumerable.Range(0, InstancesPerService).Select(i => $"{s}-i{i}").ToArray()).ToArray();
        var scenarios = Enumerable.Range(0, ScenarioCount).Select(s => $"scenario-{s:000}").ToArray();
        var callees = Enumerable.Range(0, ServiceCount)
            .Select(s => Enumerable.Range(0, CalleesPerService).Select(_ => (s + 1 + random.Next(ServiceCount - 1)) % ServiceCount).ToArray())
            .ToArray();

        Spans = new SpanRecord[count];
        Arrivals = new DateTime[count];
        var start = _start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var eventSpan = TimeSpan.FromSeconds((double)count / spansPerEventSecond).Ticks;
        ulong nextId = 1;
        var n = 0;
        while (n < count)
        {
            var traceId = new TraceId(1, nextId);
            var rootStart = start.AddTicks(random.NextInt64(eventSpan));
            var scenario = random.NextDouble() < 0.7 ? scenarios[random.Next(ScenarioCount)] : null;
            Add(random.Next(ServiceCount), default, rootStart, depth: 0, scenario);

            void Add(int service, SpanId parent, DateTime at, int depth, string? scenarioCode)
            {
                if (n >= count) return;
                var id = new SpanId(nextId++);
                var duration = (long)Math.Exp(Math.Log(5_000) + random.NextDouble() * 2 - 1 + random.NextDouble() * 2 - 1);
                Spans[n] = new SpanRecord
                {
                    TraceId = traceId,
                    SpanId = id,
                    ParentSpanId = parent.IsEmpty ? null : parent,
                    Service = services[service],
                    Endpoint = endpoints[random.Next(EndpointsPerService)],
                    Instance = instances[service][random.Next(InstancesPerService)],
                    StartTime = at,
                    DurationMicros = duration,
                    IsError = random.NextDouble() < 0.03,
                    Scenario = scenarioCode,
                };
                var delay = random.NextDouble() < 0.01 ? 3 + random.NextDouble() * 57 : random.NextDouble() * 3;
                Arrivals[n] = at.AddSeconds(delay);
                n++;
                if (depth >= 2) return;
                var children = random.Next(depth == 0 ? 2 : 0, depth == 0 ? 4 : 3);
                for (var c = 0; c < children; c++)
                    Add(callees[service][random.Next(CalleesPerService)], id, at.AddTicks(random.NextInt64(duration * 10)), depth + 1, scenarioCode);
            }
        }
        _ids = nextId;
        Array.Sort(Arrivals, Spans);
        // The host's decoder allocates a batch's spans one after another, in arrival order. Generated in trace order and
        // then sorted, every record would sit far from the previous one, a cache miss that the host never pays and that
        // measured a third of the engine's time: copy them in arrival order.
        for (var i = 0; i < Spans.Length; i++) Spans[i] = Copy(Spans[i], TimeSpan.Zero, 0);
    }

    /// <summary>
    /// The same traffic again, with new ids, starting a whole number of seconds after the last span of this stream has
    /// arrived: what an engine that has run a while sees next.
    /// </summary>
    public SyntheticSpans Continued()
    {
        var shift = TimeSpan.FromSeconds(Math.Ceiling((Arrivals[^1] - _start).TotalSeconds));
        var spans = Spans.Select(s => Copy(s, shift, _ids)).ToArray();
        var arrivals = Arrivals.Select(a => a + shift).ToArray();
        return new SyntheticSpans(spans, arrivals, _start + shift, _ids * 2);
    }

    private static SpanRecord Copy(SpanRecord span, TimeSpan shift, ulong idOffset) => new()
    {
        TraceId = new TraceId(span.TraceId.High, span.TraceId.Low + idOffset),
        SpanId = new SpanId(span.SpanId.Value + idOffset),
        ParentSpanId = span.ParentSpanId is { } parent ? new SpanId(parent.Value + idOffset) : null,
        Service = span.Service,
        Endpoint = span.Endpoint,
        Instance = span.Instance,
        StartTime = span.StartTime + shift,
        DurationMicros = span.DurationMicros,
        IsError = span.IsError,
        Scenario = span.Scenario,
    };
}
