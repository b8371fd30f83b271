namespace Portal.Core.Windowing;

/// <summary>The engine measuring itself: how timely records are, how often windows are corrected, and how much state it holds.</summary>
public sealed record WindowEngineStats
{
    /// <summary>Records passed to <see cref="WindowEngine.Add"/>.</summary>
    public long RecordsTotal { get; init; }
    /// <summary>Records that made their window's first result.</summary>
    public long RecordsTimely { get; init; }
    /// <summary>Records that reached their window after its first result, in time for a correction.</summary>
    public long RecordsCorrected { get; init; }
    /// <summary>Records that reached their window after it was final, and went out as late deltas.</summary>
    public long RecordsLate { get; init; }
    /// <summary>Records seeded by <see cref="WindowEngine.Rebuild"/>; not part of the counts above.</summary>
    public long RecordsRebuilt { get; init; }

    /// <summary>The share of records in their window's first result; the seed's goal is at least 95%. NaN before any record.</summary>
    public double Timeliness => RecordsTotal == 0 ? double.NaN : (double)RecordsTimely / RecordsTotal;

    public DelayHistogram Delays { get; init; }

    public long FirstsEmitted { get; init; }
    public long CorrectionsEmitted { get; init; }
    public long FinalsEmitted { get; init; }
    public long LateDeltasEmitted { get; init; }

    /// <summary>Edges counted once both the child and its parent were seen.</summary>
    public long EdgesResolved { get; init; }
    /// <summary>Children that gave up waiting for their parent (timeout or cap): their edge is not counted.</summary>
    public long EdgesAbandoned { get; init; }

    public DateTime Watermark { get; init; }
    public int ActiveSources { get; init; }
    /// <summary>The largest delay by which a source's watermark trails its newest event (see <see cref="WindowEngineOptions.AdaptiveOutOfOrderness"/>).</summary>
    public TimeSpan MaxSourceDelay { get; init; }
    public int OpenWindows { get; init; }
    /// <summary>(key, window) aggregates held in open windows.</summary>
    public int OpenAggregates { get; init; }
    public int Keys { get; init; }
    public int RememberedSpans { get; init; }
    public int WaitingChildren { get; init; }
}
