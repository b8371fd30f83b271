using Google.Protobuf;
using Portal.Core.Ingest.Otlp.Wire;
using Portal.Core.Records;

namespace Portal.Core.Ingest.Otlp;

/// <summary>Decodes the body of an OTLP/HTTP <c>POST /v1/logs</c> into log records.</summary>
public static class OtlpLogDecoder
{
    /// <summary>Decodes <c>application/x-protobuf</c> (an ExportLogsServiceRequest).</summary>
    public static DecodeResult<LogRecord> DecodeProtobuf(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions? options = null) =>
        OtlpLogWireDecoder.Decode(payload, nowUtc, options ?? IngestOptions.Default);

    /// <summary>
    /// Decodes <c>application/json</c> (OTLP/JSON). The JSON is read into the generated messages and re-encoded, so
    /// both encodings pass the same mapping.
    /// </summary>
    public static DecodeResult<LogRecord> DecodeJson(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions? options = null) =>
        OtlpJson.Read(payload, OtlpJsonReader.ReadLogs, out var request) is { } fatal
            ? DecodeResult<LogRecord>.Fatal(fatal)
            : DecodeProtobuf(request!.ToByteArray(), nowUtc, options);
}
