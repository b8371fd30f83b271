namespace Portal.Core.Ingest;

/// <summary>
/// Bounds on what one payload may carry. An item over a string or attribute limit, or outside the time window, is
/// rejected on its own; a payload with more than <see cref="MaxRecordsPerBatch"/> items is refused as a whole.
/// Defaults are generous for real SDKs (OpenTelemetry exporters send at most 512 spans per batch by default) while
/// keeping one request's memory and one row's size bounded. Lengths count UTF-16 characters.
/// </summary>
public sealed record IngestLimits
{
    public static IngestLimits Default { get; } = new();

    /// <summary>Service name. Default 128.</summary>
    public int MaxServiceLength { get; init; } = 128;

    /// <summary>Endpoint (interface, span name) and scenario, which falls back to the root endpoint. Default 512.</summary>
    public int MaxEndpointLength { get; init; } = 512;

    /// <summary>Instance (host) name. Default 256.</summary>
    public int MaxInstanceLength { get; init; } = 256;

    /// <summary>Log message, span status message, call record result message. Default 32 768.</summary>
    public int MaxMessageLength { get; init; } = 32 * 1024;

    /// <summary>Attribute keys. Default 256.</summary>
    public int MaxAttributeKeyLength { get; init; } = 256;

    /// <summary>
    /// Every string inside an attribute value (also span event names, status/result codes and CloudEvents context
    /// attributes such as id, source, type, subject). Default 8 192.
    /// </summary>
    public int MaxAttributeValueLength { get; init; } = 8 * 1024;

    /// <summary>Attributes of one record (and of one span event or link). Default 128.</summary>
    public int MaxAttributesPerRecord { get; init; } = 128;

    /// <summary>A CloudEvent's <c>data</c> as JSON text, or its <c>data_base64</c>. Default 256 KiB.</summary>
    public int MaxEventDataLength { get; init; } = 256 * 1024;

    /// <summary>Spans, log records, call records or events in one payload. Default 10 000.</summary>
    public int MaxRecordsPerBatch { get; init; } = 10_000;

    /// <summary>Oldest accepted timestamp, before the supplied "now". Default 7 days (the span retention horizon).</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Latest accepted timestamp, after the supplied "now": tolerates skewed instance clocks. Default 1 hour.</summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromHours(1);
}
