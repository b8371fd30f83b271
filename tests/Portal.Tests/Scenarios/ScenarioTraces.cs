using Portal.Tests.Processing;

namespace Portal.Tests.Scenarios;

/// <summary>
/// Native call records of one business scenario with a stable call tree: gateway → orders (→ stock, → billing),
/// spread over the last minutes so the inference sees every time slice.
/// </summary>
public static class ScenarioTraces
{
    public static async Task SendAsync(HttpClient client, string scenario, int traces, DateTime start, TimeSpan spread)
    {
        var records = new List<object>();
        for (var i = 0; i < traces; i++)
        {
            var traceId = Guid.NewGuid().ToString("N");
            var at = start + spread * i / Math.Max(1, traces);
            var root = Span(traceId, null, "gateway", "POST /orders", at, 40, scenario);
            var orders = Span(traceId, root.SpanId, "orders", "create", at.AddMilliseconds(2), 30);
            records.Add(root.Record);
            records.Add(orders.Record);
            records.Add(Span(traceId, orders.SpanId, "stock", "reserve", at.AddMilliseconds(4), 8).Record);
            records.Add(Span(traceId, orders.SpanId, "billing", "charge", at.AddMilliseconds(14), 10).Record);
        }
        foreach (var batch in records.Chunk(400)) await NativeCalls.SendAsync(client, batch);
    }

    private static (string SpanId, object Record) Span(string traceId, string? parent, string service, string endpoint, DateTime at, double ms,
        string? scenario = null)
    {
        var spanId = Guid.NewGuid().ToString("N")[..16];
        return (spanId, new
        {
            traceId, spanId, parentSpanId = parent, service, @interface = endpoint, instance = $"{service}-1", startTime = at.ToString("O"),
            durationMs = ms, success = true, resultCode = "0000", scenario,
        });
    }
}
