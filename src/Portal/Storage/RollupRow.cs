namespace Portal.Storage;

/// <summary>A final window aggregate as stored: one row per (resolution, scope, key, window start).</summary>
public sealed class RollupRow : IAggregateRow
{
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
    public int Revision { get; set; }
}
