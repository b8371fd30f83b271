using Portal.Core.Otlp.Proto.Collector.Trace.V1;
using Portal.Core.Records;

namespace Portal.Core.Ingest.Otlp;

/// <summary>Decodes the body of an OTLP/HTTP <c>POST /v1/traces</c> into span records.</summary>
public static class OtlpTraceDecoder
{
    /// <summary>Decodes <c>application/x-protobuf</c> (an ExportTraceServiceRequest).</summary>
    public static DecodeResult<SpanRecord> DecodeProtobuf(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions? options = null)
    {
        var resolved = options ?? IngestOptions.Default;
        return OtlpDecoding.Protobuf(payload, ExportTraceServiceRequest.Parser, ExportTraceServiceRequest.Descriptor,
            request => OtlpSpanMapper.Map(request, nowUtc, resolved),
            span => Checks.HasReplacementChar(span.Endpoint, span.AttributesJson, span.EventsJson, span.StatusMessage)
                || Checks.HasReplacementChar(span.Service, span.Instance, span.Scenario, span.StatusCode));
    }

    /// <summary>Decodes <c>application/json</c> (OTLP/JSON: hex ids, integer enums, 64-bit integers as strings or numbers).</summary>
    public static DecodeResult<SpanRecord> DecodeJson(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions? options = null)
    {
        var resolved = options ?? IngestOptions.Default;
        return OtlpDecoding.Json(payload, OtlpJsonReader.ReadTraces, request => OtlpSpanMapper.Map(request, nowUtc, resolved));
    }
}
