using System.Buffers;
using System.Text.Json;
using Portal.Core.Records;

namespace Portal.Bench.Data;

/// <summary>Encodes spans as the platform SDK's native call records (docs/native-formats.md).</summary>
public static class NativeEncoder
{
    public static byte[] Calls(IReadOnlyList<SpanRecord> spans)
    {
        var buffer = new ArrayBufferWriter<byte>(spans.Count * 450);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("records");
            foreach (var s in spans)
            {
                json.WriteStartObject();
                json.WriteString("traceId", s.TraceId.ToString());
                json.WriteString("spanId", s.SpanId.ToString());
                if (s.ParentSpanId is { } parent) json.WriteString("parentSpanId", parent.ToString());
                else json.WriteNull("parentSpanId");
                json.WriteString("service", s.Service);
                json.WriteString("interface", s.Endpoint);
                json.WriteString("instance", s.Instance);
                json.WriteString("startTime", s.StartTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"));
                json.WriteNumber("durationMs", s.DurationMicros / 1000.0);
                json.WriteString("resultCode", s.StatusCode);
                json.WriteBoolean("success", !s.IsError);
                if (s.Scenario is { } scenario) json.WriteString("scenario", scenario);
                json.WriteStartObject("attributes");
                json.WriteString("bank.channel", "mobile");
                json.WriteNumber("amount", (long)(s.SpanId.Value % 100_000));
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
