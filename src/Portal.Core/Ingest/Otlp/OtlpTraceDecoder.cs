using Google.Protobuf;
using Portal.Core.Ingest.Otlp.Wire;
using Portal.Core.Records;

namespace Portal.Core.Ingest.Otlp;

/// <summary>Decodes the body of an OTLP/HTTP <c>POST /v1/traces</c> into span records.</summary>
public static class OtlpTraceDecoder
{
    /// <summary>Decodes <c>application/x-protobuf</c> (an ExportTraceServiceRequest).</summary>
    public static DecodeResult<SpanRecord> DecodeProtobuf(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions? options = null) =>
        OtlpTraceWireDecoder.Decode(payload, nowUtc, options ?? IngestOptions.Default);

    /// <summary>
    /// Decodes <c>application/json</c> (OTLP/JSON: hex ids, integer enums, 64-bit integers as strings or numbers).
    /// The JSON is read into the generated messages and re-encoded, so both encodings pass the same mapping.
    /// </summary>
    public static DecodeResult<SpanRecord> DecodeJson(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions? options = null) =>
        OtlpJson.Read(payload, OtlpJsonReader.ReadTraces, out var request) is { } fatal
            ? DecodeResult<SpanRecord>.Fatal(fatal)
            : DecodeProtobuf(request!.ToByteArray(), nowUtc, options);
}
