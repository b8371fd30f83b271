namespace Portal.Ingest;

/// <summary>Limits and settings of the ingest endpoints (section <c>Portal:Ingest</c>).</summary>
public sealed class IngestHttpOptions
{
    /// <summary>Largest body on the wire. Default 16 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest body once gzip is undone. Default 64 MiB.</summary>
    public long MaxDecompressedBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Attribute naming a span's business scenario. Default <c>business.scenario</c>.</summary>
    public string ScenarioAttribute { get; set; } = "business.scenario";

    /// <summary>Port of the OTLP/gRPC listener (HTTP/2 without TLS); 0 turns it off. Default 4317.</summary>
    public int GrpcPort { get; set; } = 4317;
}
