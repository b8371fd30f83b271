using Portal.Core.Records;

namespace Portal.Core.Windowing;

/// <summary>
/// A span added to the <see cref="WindowEngine"/> and not yet applied: the record and its arrival, then what the first
/// pass of a flush works out for it (its window, keys and latency bucket), which the later passes read.
/// </summary>
internal struct StagedSpan
{
    public SpanRecord Span;
    public long ArrivalTicks;
    /// <summary>Added by <see cref="WindowEngine.Rebuild"/>: it was counted before the restart, so it counts in no statistic.</summary>
    public bool Rebuilt;

    /// <summary>Null when the window is already final: the record becomes a late delta.</summary>
    public OpenWindow? Window;
    public long WindowIndex;
    public WindowKeyRegistry.ServiceKeys Service;
    /// <summary><c>Service.KeyId</c>, copied: the scope pass reads it spans ahead to prefetch, without loading the service.</summary>
    public int ServiceKeyId;
    public int EndpointKeyId;
    /// <summary>-1 for a span that is not a scenario's entry call.</summary>
    public int ScenarioKeyId;
    /// <summary>
    /// The span's id and its parent's (0: none), copied by the first pass: the edge pass comes a whole batch later, when
    /// the record's own lines have left the cache.
    /// </summary>
    public ulong SpanId;
    public ulong ParentSpanId;
    public long DurationMicros;
    public int BucketIndex;
    public bool IsError;
}
