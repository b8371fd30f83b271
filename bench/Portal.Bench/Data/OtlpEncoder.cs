using System.Buffers;
using System.Text.Json;
using Google.Protobuf;
using Portal.Core.Otlp.Proto.Collector.Trace.V1;
using Portal.Core.Otlp.Proto.Common.V1;
using Portal.Core.Otlp.Proto.Resource.V1;
using Portal.Core.Otlp.Proto.Trace.V1;
using Portal.Core.Records;

namespace Portal.Bench.Data;

/// <summary>
/// Encodes spans as an OTLP ExportTraceServiceRequest, one resource per (service, instance), the way an SDK or a
/// collector batches them: protobuf, and OTLP/JSON (hex ids, nanosecond times as strings, as the specification says).
/// </summary>
public static class OtlpEncoder
{
    public static byte[] Protobuf(IReadOnlyList<SpanRecord> spans)
    {
        var request = new ExportTraceServiceRequest();
        foreach (var group in spans.GroupBy(s => (s.Service, s.Instance)))
        {
            var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "bench" } };
            foreach (var s in group)
            {
                var span = new Span
                {
                    TraceId = ByteString.CopyFrom(s.TraceId.ToBytes()),
                    SpanId = ByteString.CopyFrom(s.SpanId.ToBytes()),
                    Name = s.Endpoint,
                    Kind = Span.Types.SpanKind.Server,
                    StartTimeUnixNano = UnixNanos(s.StartTime),
                    EndTimeUnixNano = UnixNanos(s.EndTime),
                    Status = new Status { Code = s.IsError ? Status.Types.StatusCode.Error : Status.Types.StatusCode.Ok },
                };
                if (s.ParentSpanId is { } parent) span.ParentSpanId = ByteString.CopyFrom(parent.ToBytes());
                if (s.Scenario is { } scenario) span.Attributes.Add(Text("business.scenario", scenario));
                span.Attributes.Add(Text("bank.channel", "mobile"));
                span.Attributes.Add(new KeyValue { Key = "amount", Value = new AnyValue { IntValue = (long)(s.SpanId.Value % 100_000) } });
                scope.Spans.Add(span);
            }
            var resource = new ResourceSpans { Resource = new Resource() };
            resource.Resource.Attributes.Add(Text("service.name", group.Key.Service));
            resource.Resource.Attributes.Add(Text("service.instance.id", group.Key.Instance));
            resource.ScopeSpans.Add(scope);
            request.ResourceSpans.Add(resource);
        }
        return request.ToByteArray();
    }

    public static byte[] Json(IReadOnlyList<SpanRecord> spans)
    {
        var buffer = new ArrayBufferWriter<byte>(spans.Count * 500);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceSpans");
            foreach (var group in spans.GroupBy(s => (s.Service, s.Instance)))
            {
                json.WriteStartObject();
                json.WriteStartObject("resource");
                json.WriteStartArray("attributes");
                JsonText(json, "service.name", group.Key.Service);
                JsonText(json, "service.instance.id", group.Key.Instance);
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartArray("scopeSpans");
                json.WriteStartObject();
                json.WriteStartObject("scope");
                json.WriteString("name", "bench");
                json.WriteEndObject();
                json.WriteStartArray("spans");
                foreach (var s in group) JsonSpan(json, s);
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void JsonSpan(Utf8JsonWriter json, SpanRecord s)
    {
        json.WriteStartObject();
        json.WriteString("traceId", s.TraceId.ToString());
        json.WriteString("spanId", s.SpanId.ToString());
        if (s.ParentSpanId is { } parent) json.WriteString("parentSpanId", parent.ToString());
        json.WriteString("name", s.Endpoint);
        json.WriteNumber("kind", 2);
        json.WriteString("startTimeUnixNano", UnixNanos(s.StartTime).ToString());
        json.WriteString("endTimeUnixNano", UnixNanos(s.EndTime).ToString());
        json.WriteStartArray("attributes");
        if (s.Scenario is { } scenario) JsonText(json, "business.scenario", scenario);
        JsonText(json, "bank.channel", "mobile");
        json.WriteStartObject();
        json.WriteString("key", "amount");
        json.WriteStartObject("value");
        json.WriteString("intValue", (s.SpanId.Value % 100_000).ToString());
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("status");
        json.WriteNumber("code", s.IsError ? 2 : 1);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void JsonText(Utf8JsonWriter json, string key, string value)
    {
        json.WriteStartObject();
        json.WriteString("key", key);
        json.WriteStartObject("value");
        json.WriteString("stringValue", value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static KeyValue Text(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static ulong UnixNanos(DateTime utc) => (ulong)(utc - DateTime.UnixEpoch).Ticks * 100;
}
