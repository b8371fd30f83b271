namespace Portal.Core.Windowing;

/// <summary>Settings of the <see cref="WindowEngine"/>. The defaults follow seed 004: 1 s windows, 0–3 s normal delay, 3 s allowed lateness.</summary>
public sealed record WindowEngineOptions
{
    /// <summary>The length of a tumbling window. It must divide one hour so windows line up with the rollups.</summary>
    public TimeSpan WindowSize { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far a source's watermark trails the latest event time it has sent (with <see cref="AdaptiveOutOfOrderness"/>:
    /// at most). Records delayed by up to this much still make their window's first result; the default covers the seed's
    /// normal 0–3 s delay (its 95% timeliness goal).
    /// </summary>
    public TimeSpan OutOfOrderness { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// When true, each source's watermark trails its newest event by the p99 of that source's arrival delays over the last
    /// 30–60 s of processing time, plus 100 ms, clamped to [<see cref="MinOutOfOrderness"/>, <see cref="OutOfOrderness"/>]
    /// (a source starts at <see cref="OutOfOrderness"/> and adapts after 100 records). A source that sends on time then
    /// closes its windows after about <see cref="MinOutOfOrderness"/>, while one with the seed's 0–3 s delays still waits
    /// about 3 s. A source whose delays grow keeps its watermark until its events catch up; the records that arrive
    /// meanwhile are corrections or late deltas of their true windows, never counted elsewhere. False: always <see cref="OutOfOrderness"/>.
    /// </summary>
    public bool AdaptiveOutOfOrderness { get; init; } = true;

    /// <summary>
    /// The least delay of an adaptive watermark (<see cref="AdaptiveOutOfOrderness"/>): covers the batching of an on-time
    /// source. At or above <see cref="OutOfOrderness"/> it turns adaptation off.
    /// </summary>
    public TimeSpan MinOutOfOrderness { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>How long, in event time past the watermark, a window that has emitted its first result still accepts corrections before it is final.</summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>A source that sent nothing for this long (processing time) stops holding the watermark back.</summary>
    public TimeSpan SourceIdleTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The watermark never trails processing time by more than this, so a source whose clock lags (or no source at all)
    /// cannot stall every window; such a source's records are then handled as late. Must exceed <see cref="OutOfOrderness"/>.
    /// </summary>
    public TimeSpan MaxWatermarkLag { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A record's event time counts toward its source's watermark at most this far past its arrival, so a clock running ahead cannot close windows early.</summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a span's service is remembered so that a child arriving after its parent finds its caller. An entry is kept
    /// for between half and all of this, so the default guarantees the seed's abnormal delays of up to a minute.
    /// </summary>
    public TimeSpan SpanServiceRetention { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a child span waits for its parent before its edge is given up; like the retention, between half and all of this.</summary>
    public TimeSpan ParentWaitTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Caps the remembered span services (about 30 bytes each); past it the oldest are forgotten early.</summary>
    public int MaxRememberedSpans { get; init; } = 4_000_000;

    /// <summary>Caps the children waiting for a parent (about 60 bytes each); past it the oldest give up early.</summary>
    public int MaxWaitingChildren { get; init; } = 2_000_000;

    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        if (WindowSize <= TimeSpan.Zero || TimeSpan.FromHours(1).Ticks % WindowSize.Ticks != 0)
            throw new ArgumentException("WindowSize must be positive and divide one hour.", nameof(WindowSize));
        if (OutOfOrderness < TimeSpan.Zero) throw new ArgumentException("OutOfOrderness must not be negative.", nameof(OutOfOrderness));
        if (MinOutOfOrderness < TimeSpan.Zero) throw new ArgumentException("MinOutOfOrderness must not be negative.", nameof(MinOutOfOrderness));
        if (AllowedLateness < TimeSpan.Zero) throw new ArgumentException("AllowedLateness must not be negative.", nameof(AllowedLateness));
        if (SourceIdleTimeout <= TimeSpan.Zero) throw new ArgumentException("SourceIdleTimeout must be positive.", nameof(SourceIdleTimeout));
        if (MaxWatermarkLag <= OutOfOrderness) throw new ArgumentException("MaxWatermarkLag must exceed OutOfOrderness.", nameof(MaxWatermarkLag));
        if (MaxFutureSkew < TimeSpan.Zero) throw new ArgumentException("MaxFutureSkew must not be negative.", nameof(MaxFutureSkew));
        if (SpanServiceRetention <= TimeSpan.Zero) throw new ArgumentException("SpanServiceRetention must be positive.", nameof(SpanServiceRetention));
        if (ParentWaitTimeout <= TimeSpan.Zero) throw new ArgumentException("ParentWaitTimeout must be positive.", nameof(ParentWaitTimeout));
        if (MaxRememberedSpans < 2) throw new ArgumentException("MaxRememberedSpans must be at least 2.", nameof(MaxRememberedSpans));
        if (MaxWaitingChildren < 2) throw new ArgumentException("MaxWaitingChildren must be at least 2.", nameof(MaxWaitingChildren));
    }
}
