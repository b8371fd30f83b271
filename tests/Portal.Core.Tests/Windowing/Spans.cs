using Portal.Core.Records;

namespace Portal.Core.Tests.Windowing;

/// <summary>Builds spans for engine tests with readable defaults.</summary>
internal static class Spans
{
    public static readonly DateTime T0 = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static ulong _nextId = 1;

    public static DateTime At(double seconds) => T0.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));

    public static SpanRecord Make(
        double startSeconds,
        string service = "payments",
        string endpoint = "GET /transfer",
        string? instance = null,
        long durationMicros = 1000,
        bool isError = false,
        SpanId parent = default,
        ulong spanId = 0,
        string? scenario = null) => new()
    {
        TraceId = new TraceId(1, 1),
        SpanId = new SpanId(spanId != 0 ? spanId : Interlocked.Increment(ref _nextId) + (1UL << 40)),
        ParentSpanId = parent.IsEmpty ? null : parent,
        Service = service,
        Endpoint = endpoint,
        Instance = instance ?? service + "-1",
        StartTime = At(startSeconds),
        DurationMicros = durationMicros,
        IsError = isError,
        Scenario = scenario,
    };
}
