namespace Portal.Storage;

/// <summary>The columns a final window and a late delta share.</summary>
public interface IAggregateRow
{
    int ResolutionSeconds { get; }
    short Scope { get; }
    string Key { get; }
    DateTime WindowStart { get; }
    long Count { get; }
    long Errors { get; }
    long DurationSumMicros { get; }
    long DurationMinMicros { get; }
    long DurationMaxMicros { get; }
    byte[] Sketch { get; }
}
