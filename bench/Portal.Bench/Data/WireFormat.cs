namespace Portal.Bench.Data;

/// <summary>The HTTP ingest formats measured: path and content type of each.</summary>
public sealed record WireFormat(string Name, string Path, string ContentType)
{
    public static readonly WireFormat OtlpProtobuf = new("OTLP protobuf", "/v1/traces", "application/x-protobuf");
    public static readonly WireFormat OtlpJson = new("OTLP JSON", "/v1/traces", "application/json");
    public static readonly WireFormat Native = new("native JSON", "/api/ingest/calls", "application/json");

    public static readonly WireFormat[] All = [OtlpProtobuf, OtlpJson, Native];

    public byte[] Encode(IReadOnlyList<Core.Records.SpanRecord> spans) =>
        this == OtlpProtobuf ? OtlpEncoder.Protobuf(spans)
        : this == OtlpJson ? OtlpEncoder.Json(spans)
        : NativeEncoder.Calls(spans);
}
