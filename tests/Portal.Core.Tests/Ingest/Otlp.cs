using System.Text;
using Google.Protobuf;
using Portal.Core.Otlp.Proto.Collector.Logs.V1;
using Portal.Core.Otlp.Proto.Collector.Trace.V1;
using Portal.Core.Otlp.Proto.Common.V1;
using Portal.Core.Otlp.Proto.Logs.V1;
using Portal.Core.Otlp.Proto.Resource.V1;
using Portal.Core.Otlp.Proto.Trace.V1;

namespace Portal.Core.Tests.Ingest;

/// <summary>Builds OTLP payloads with the generated classes, as an OpenTelemetry SDK would.</summary>
internal static class Otlp
{
    public static readonly DateTime Now = new(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    public static ulong Nanos(DateTime utc) => (ulong)(utc - DateTime.UnixEpoch).Ticks * 100;

    public static ByteString Bytes(string hex) => ByteString.CopyFrom(Convert.FromHexString(hex));

    public static KeyValue Kv(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    public static KeyValue Kv(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };

    public static Resource Resource(params KeyValue[] attributes)
    {
        var resource = new Resource();
        resource.Attributes.Add(attributes);
        return resource;
    }

    /// <summary>A valid server span: 120 ms, ending 1 s before <see cref="Now"/>.</summary>
    public static Span Span(string spanId = "00f067aa0ba902b7", string? parent = "53995c3f42cd8ad8", string name = "POST /transfer") => new()
    {
        TraceId = Bytes("4bf92f3577b34da6a3ce929d0e0e4736"),
        SpanId = Bytes(spanId),
        ParentSpanId = parent is null ? ByteString.Empty : Bytes(parent),
        Name = name,
        Kind = Portal.Core.Otlp.Proto.Trace.V1.Span.Types.SpanKind.Server,
        StartTimeUnixNano = Nanos(Now.AddSeconds(-1)) - 120_000_000,
        EndTimeUnixNano = Nanos(Now.AddSeconds(-1)),
    };

    public static ExportTraceServiceRequest Traces(Resource resource, params Span[] spans)
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "test", Version = "1.0" } };
        scope.Spans.Add(spans);
        var resourceSpans = new ResourceSpans { Resource = resource };
        resourceSpans.ScopeSpans.Add(scope);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(resourceSpans);
        return request;
    }

    public static ExportTraceServiceRequest Traces(params Span[] spans) =>
        Traces(Resource(Kv("service.name", "payment"), Kv("service.instance.id", "payment-1")), spans);

    public static LogRecord Log(string body = "transfer accepted") => new()
    {
        TimeUnixNano = Nanos(Now.AddSeconds(-2)),
        SeverityNumber = SeverityNumber.Info,
        Body = new AnyValue { StringValue = body },
    };

    public static ExportLogsServiceRequest Logs(Resource resource, params LogRecord[] logs)
    {
        var scope = new ScopeLogs();
        scope.LogRecords.Add(logs);
        var resourceLogs = new ResourceLogs { Resource = resource };
        resourceLogs.ScopeLogs.Add(scope);
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(resourceLogs);
        return request;
    }

    public static ExportLogsServiceRequest Logs(params LogRecord[] logs) =>
        Logs(Resource(Kv("service.name", "payment"), Kv("host.name", "node-7")), logs);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
