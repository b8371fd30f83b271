using Portal.Core.Records;

namespace Portal.Core.Tests.Topology;

/// <summary>A call in a generated trace: the callee, its own calls (made one after another), how often it is attempted, whether it fails.</summary>
internal sealed record Call(string Service, string Endpoint, IReadOnlyList<Call> Children, int Attempts = 1, bool Error = false)
{
    public Call Retried(int attempts) => this with { Attempts = attempts };
    public Call Failing() => this with { Error = true };
    public int Size => 1 + Children.Sum(c => c.Size * c.Attempts);
}

/// <summary>Generates traces of call trees, with spans in shuffled order (records arrive out of order).</summary>
internal sealed class TraceGenerator(int seed)
{
    public static readonly DateTime T0 = new(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private const long StepMicros = 2_000;

    private readonly Random _random = new(seed);
    private ulong _nextSpan = 1;
    private ulong _nextTrace = 1;

    public static Call C(string service, string endpoint, params Call[] children) => new(service, endpoint, children);

    /// <summary>One trace of <paramref name="root"/> starting at <paramref name="start"/>; the root carries <paramref name="scenario"/>.</summary>
    public List<SpanRecord> Trace(DateTime start, Call root, string? scenario = "transfer", bool shuffle = true)
    {
        var traceId = new TraceId(0xABCD, _nextTrace++);
        var spans = new List<SpanRecord>(root.Size);
        Emit(spans, traceId, root, parent: null, start, scenario, attemptError: root.Error);
        if (shuffle)
            for (var i = spans.Count - 1; i > 0; i--)
            {
                var j = _random.Next(i + 1);
                (spans[i], spans[j]) = (spans[j], spans[i]);
            }
        return spans;
    }

    /// <summary><paramref name="count"/> traces, one every <paramref name="spacing"/> from <paramref name="from"/>; <paramref name="tree"/> picks each one's tree by index.</summary>
    public List<IReadOnlyList<SpanRecord>> Many(int count, Func<int, Call> tree, DateTime? from = null, TimeSpan? spacing = null, string? scenario = "transfer")
    {
        var start = from ?? T0;
        var step = spacing ?? TimeSpan.FromSeconds(1);
        var traces = new List<IReadOnlyList<SpanRecord>>(count);
        for (var i = 0; i < count; i++) traces.Add(Trace(start + step * i, tree(i), scenario));
        return traces;
    }

    /// <summary>Emits the span of <paramref name="call"/> and its subtree; returns its end.</summary>
    private DateTime Emit(List<SpanRecord> spans, TraceId traceId, Call call, SpanId? parent, DateTime start, string? scenario, bool attemptError)
    {
        var id = new SpanId(_nextSpan++);
        var cursor = start.AddTicks(StepMicros * 10 / 4);
        foreach (var child in call.Children)
            for (var attempt = 1; attempt <= child.Attempts; attempt++)
            {
                // Every attempt but the last fails; the last fails only when the call does.
                var failed = attempt < child.Attempts || child.Error;
                cursor = Emit(spans, traceId, child, id, cursor, null, failed).AddTicks(StepMicros * 10 / 4);
            }
        var end = cursor.AddTicks(StepMicros * 10);
        spans.Add(new SpanRecord
        {
            TraceId = traceId,
            SpanId = id,
            ParentSpanId = parent,
            Service = call.Service,
            Endpoint = call.Endpoint,
            Instance = call.Service + "-1",
            Kind = SpanKind.Server,
            StartTime = start,
            DurationMicros = (end - start).Ticks / 10,
            IsError = attemptError,
            StatusCode = attemptError ? "ERR" : "OK",
            Scenario = parent is null ? scenario : null,
        });
        return end;
    }
}
