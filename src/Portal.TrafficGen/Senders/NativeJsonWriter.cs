using System.Buffers;
using System.Text.Json;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Senders;

/// <summary>
/// Writes batches in the platform SDK's native JSON (docs/native-formats.md): <c>{"records":[...]}</c> for call records
/// and <c>{"logs":[...]}</c> for log lines. Written by hand with <see cref="Utf8JsonWriter"/>: no reflection, and the
/// field names are plainly those of the format.
/// </summary>
public static class NativeJsonWriter
{
    public static byte[] CallRecords(IReadOnlyList<SimSpan> spans)
    {
        var buffer = new ArrayBufferWriter<byte>(spans.Count * 600);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("records");
            foreach (var span in spans)
            {
                json.WriteStartObject();
                json.WriteString("traceId", span.TraceId);
                json.WriteString("spanId", span.SpanId);
                if (span.ParentSpanId is null) json.WriteNull("parentSpanId");
                else json.WriteString("parentSpanId", span.ParentSpanId);
                json.WriteString("service", span.Service);
                json.WriteString("interface", span.Endpoint);
                json.WriteString("instance", span.Instance);
                json.WriteString("startTime", WireTime.Format(span.ReportedStart));
                json.WriteNumber("durationMs", span.DurationMs);
                json.WriteString("resultCode", span.ResultCode);
                json.WriteBoolean("success", span.Success);
                if (span.Message is not null) json.WriteString("message", span.Message);
                if (span.Scenario is not null) json.WriteString("scenario", span.Scenario);
                json.WriteString("kind", span.Kind == SimSpanKind.Client ? "client" : "server");
                WriteAttributes(json, span.Attributes);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Logs(IReadOnlyList<SimLog> logs)
    {
        var buffer = new ArrayBufferWriter<byte>(logs.Count * 400);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("logs");
            foreach (var log in logs)
            {
                json.WriteStartObject();
                json.WriteString("time", WireTime.Format(log.Time));
                json.WriteString("service", log.Service);
                json.WriteString("instance", log.Instance);
                json.WriteString("level", SimLogLevels.Name(log.Level));
                json.WriteString("message", log.Message);
                if (log.TraceId is not null) json.WriteString("traceId", log.TraceId);
                if (log.SpanId is not null) json.WriteString("spanId", log.SpanId);
                WriteAttributes(json, log.Attributes);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAttributes(Utf8JsonWriter json, IReadOnlyList<KeyValuePair<string, object>> attributes)
    {
        if (attributes.Count == 0) return;
        json.WriteStartObject("attributes");
        foreach (var (key, value) in attributes)
        {
            switch (value)
            {
                case string text: json.WriteString(key, text); break;
                case bool flag: json.WriteBoolean(key, flag); break;
                case int number: json.WriteNumber(key, number); break;
                case long number: json.WriteNumber(key, number); break;
                case double number: json.WriteNumber(key, number); break;
                default: json.WriteString(key, value.ToString()); break;
            }
        }
        json.WriteEndObject();
    }
}
