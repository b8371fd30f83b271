namespace Portal.Storage;

/// <summary>A late delta: records that reached a window after it was final, merged with the window when read.</summary>
public sealed class RollupDeltaRow : IAggregateRow
{
    public long Id { get; set; }
    public int ResolutionSeconds { get; set; }
    public short Scope { get; set; }
    public required string Key { get; set; }
    public DateTime WindowStart { get; set; }
    public long Count { get; set; }
    public long Errors { get; set; }
    public long DurationSumMicros { get; set; }
    public long DurationMinMicros { get; set; }
    public long DurationMaxMicros { get; set; }
    public required byte[] Sketch { get; set; }
    public DateTime CreatedAt { get; set; }
}
