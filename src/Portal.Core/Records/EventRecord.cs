namespace Portal.Core.Records;

/// <summary>A business or system event in the shape of CloudEvents 1.0 (OrderCreated, NodeDown, a deployment).</summary>
public sealed class EventRecord
{
    public required string Id { get; init; }
    public required string Source { get; init; }
    public required string Type { get; init; }
    public required DateTime Time { get; init; }
    public string? Subject { get; init; }
    public string? DataContentType { get; init; }
    /// <summary>The event's data as JSON, or null.</summary>
    public string? DataJson { get; init; }
}
