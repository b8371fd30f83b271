using Portal.Core.Windowing;

namespace Portal.Processing;

/// <summary>Settings of windowing and rollups (section <c>Portal:Windowing</c>).</summary>
public sealed class WindowingOptions
{
    public const string Section = "Portal:Windowing";

    /// <summary>Window length. Default 1 s.</summary>
    public TimeSpan WindowSize { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How far a source's watermark trails its newest record (at most, when adaptive): the normal delay that still makes the first result. Default 3 s.</summary>
    public TimeSpan OutOfOrderness { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Each source's watermark trails its newest record by the p99 of its own recent arrival delays (+100 ms), clamped to
    /// [<see cref="MinOutOfOrderness"/>, <see cref="OutOfOrderness"/>], so on-time sources close their windows quickly. Default true.
    /// </summary>
    public bool AdaptiveOutOfOrderness { get; set; } = true;

    /// <summary>The least delay of an adaptive watermark. Default 150 ms.</summary>
    public TimeSpan MinOutOfOrderness { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>How long after its first result a window is still corrected in place. Default 3 s.</summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A source (instance) silent this long stops holding the watermark back. Default 5 s.</summary>
    public TimeSpan SourceIdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often windows are advanced, results persisted and pushed. Default 50 ms: a window's first result waits for
    /// the tick after its watermark passes, and that wait is part of what a live gauge lags behind.
    /// </summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long rollups are kept, per resolution. Defaults: 1 s for 2 days, 1 min for 35 days, 1 h for 400 days.</summary>
    public TimeSpan SecondRetention { get; set; } = TimeSpan.FromDays(2);
    public TimeSpan MinuteRetention { get; set; } = TimeSpan.FromDays(35);
    public TimeSpan HourRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// After a restart, final windows this far behind the stored horizon are recomputed from the stored spans, so late
    /// records accepted just before a crash, whose deltas were not stored yet, are counted. Default 5 min.
    /// </summary>
    public TimeSpan RecoveryLookback { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often minute and hour rollups are compacted and late deltas folded in. Default 30 s.</summary>
    public TimeSpan CompactionInterval { get; set; } = TimeSpan.FromSeconds(30);

    public WindowEngineOptions ToEngineOptions() => new()
    {
        WindowSize = WindowSize,
        OutOfOrderness = OutOfOrderness,
        AdaptiveOutOfOrderness = AdaptiveOutOfOrderness,
        MinOutOfOrderness = MinOutOfOrderness,
        AllowedLateness = AllowedLateness,
        SourceIdleTimeout = SourceIdleTimeout,
    };
}
