using Portal.Core.Records;

namespace Portal.Tests.Queries;

/// <summary>Spans for view-model tests: times in milliseconds after a fixed instant.</summary>
internal static class Spans
{
    public static readonly DateTime T0 = new(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    public static readonly TraceId Trace = new(0x4bf92f3577b34da6, 0xa3ce929d0e0e4736);

    public static SpanRecord Span(ulong id, ulong? parent, double startMs, double durationMs, string service = "svc", string instance = "i-1",
        bool error = false, SpanKind kind = SpanKind.Server, string endpoint = "op") => new()
    {
        TraceId = Trace,
        SpanId = new SpanId(id),
        ParentSpanId = parent is { } p ? new SpanId(p) : null,
        Service = service,
        Endpoint = endpoint,
        Instance = instance,
        Kind = kind,
        StartTime = T0.AddTicks((long)(startMs * TimeSpan.TicksPerMillisecond)),
        DurationMicros = (long)(durationMs * 1000),
        IsError = error,
        StatusMessage = error ? "insufficient funds" : null,
    };
}
