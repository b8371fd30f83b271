namespace Portal.TrafficGen.Senders;

/// <summary>How spans and logs travel; events always go as CloudEvents batches over HTTP.</summary>
public enum TelemetryFormat
{
    /// <summary>The platform SDK's native JSON to /api/ingest/calls and /api/ingest/logs.</summary>
    Native,

    /// <summary>The OpenTelemetry .NET SDK's OTLP exporter over gRPC (the portal's gRPC port).</summary>
    OtlpGrpc,

    /// <summary>The OpenTelemetry .NET SDK's OTLP exporter over HTTP/protobuf to /v1/traces and /v1/logs.</summary>
    OtlpHttp,
}
