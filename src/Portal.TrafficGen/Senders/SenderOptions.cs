namespace Portal.TrafficGen.Senders;

/// <summary>Where and how to send. <see cref="GrpcUrl"/> is needed only for <see cref="TelemetryFormat.OtlpGrpc"/>.</summary>
public sealed record SenderOptions(Uri BaseUrl, string ApiKey)
{
    public TelemetryFormat Format { get; init; } = TelemetryFormat.Native;
    public Uri? GrpcUrl { get; init; }

    /// <summary>Records per request (native, CloudEvents) or per OTLP export batch.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Compress native and CloudEvents bodies with gzip.</summary>
    public bool Gzip { get; init; }

    /// <summary>Longest wait for one request's answer before it counts as a time-out and is retried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of one request after 429, 503, 502, 504, a time-out or a connection error.</summary>
    public int MaxRetries { get; init; } = 6;

    public void Validate()
    {
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
            throw new ArgumentException($"The portal URL must be an absolute http(s) URL, not '{BaseUrl}'.", nameof(BaseUrl));
        if (string.IsNullOrWhiteSpace(ApiKey)) throw new ArgumentException("An API key is required.", nameof(ApiKey));
        if (Format == TelemetryFormat.OtlpGrpc && GrpcUrl is null)
            throw new ArgumentException("OTLP/gRPC needs the gRPC URL of the portal (e.g. http://127.0.0.1:4317).", nameof(GrpcUrl));
        if (BatchSize is < 1 or > 10_000) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Between 1 and 10000.");
        if (Concurrency is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(Concurrency), Concurrency, "Between 1 and 256.");
    }
}
