using Portal.Core.Otlp.Proto.Collector.Logs.V1;
using Portal.Core.Records;

namespace Portal.Core.Ingest.Otlp;

/// <summary>Decodes the body of an OTLP/HTTP <c>POST /v1/logs</c> into log records.</summary>
public static class OtlpLogDecoder
{
    /// <summary>Decodes <c>application/x-protobuf</c> (an ExportLogsServiceRequest).</summary>
    public static DecodeResult<LogRecord> DecodeProtobuf(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions? options = null)
    {
        var resolved = options ?? IngestOptions.Default;
        return OtlpDecoding.Protobuf(payload, ExportLogsServiceRequest.Parser, ExportLogsServiceRequest.Descriptor,
            request => OtlpLogMapper.Map(request, nowUtc, resolved),
            log => Checks.HasReplacementChar(log.Message, log.AttributesJson, log.Service, log.Instance));
    }

    /// <summary>Decodes <c>application/json</c> (OTLP/JSON).</summary>
    public static DecodeResult<LogRecord> DecodeJson(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions? options = null)
    {
        var resolved = options ?? IngestOptions.Default;
        return OtlpDecoding.Json(payload, OtlpJsonReader.ReadLogs, request => OtlpLogMapper.Map(request, nowUtc, resolved));
    }
}
