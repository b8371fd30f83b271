using System.Text;
using System.Text.Json;

namespace Portal.Tests.Reliability;

/// <summary>
/// One round of a client's traffic: native call records, log lines and a CloudEvents batch, every item with an id of
/// its own (span id, message, event id), so that what was acknowledged can be looked up in the database one by one.
/// </summary>
public sealed class TelemetryBatches
{
    public List<string> SpanIds { get; } = [];
    public List<string> LogMessages { get; } = [];
    public List<string> EventIds { get; } = [];
    public string CallsJson { get; }
    public string LogsJson { get; }
    public string EventsJson { get; }

    public TelemetryBatches(string service, string instance, int spans, int logs, int events)
    {
        var now = DateTime.UtcNow;
        var traceId = Guid.NewGuid().ToString("N");
        var records = new List<object>();
        for (var i = 0; i < spans; i++)
        {
            var spanId = Guid.NewGuid().ToString("N")[..16];
            SpanIds.Add(spanId);
            records.Add(new
            {
                traceId, spanId, service, @interface = "transfer", instance, startTime = now.AddMilliseconds(-Random.Shared.Next(300)).ToString("O"),
                durationMs = 1 + Random.Shared.Next(50), success = i % 10 != 0, resultCode = i % 10 != 0 ? "0000" : "E1",
            });
        }
        CallsJson = JsonSerializer.Serialize(new { records });

        var lines = new List<object>();
        for (var i = 0; i < logs; i++)
        {
            var message = $"{service} line {Guid.NewGuid():N}";
            LogMessages.Add(message);
            lines.Add(new { time = now.ToString("O"), service, instance, level = "info", message, traceId });
        }
        LogsJson = JsonSerializer.Serialize(new { logs = lines });

        var items = new List<object>();
        for (var i = 0; i < events; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            EventIds.Add(id);
            items.Add(new { specversion = "1.0", id, source = $"/{service}", type = "com.bank.TransferDone", time = now.ToString("O"), data = new { n = i } });
        }
        EventsJson = JsonSerializer.Serialize(items);
    }

    public static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);
}
