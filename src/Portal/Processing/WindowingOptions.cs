using Portal.Core.Windowing;

namespace Portal.Processing;

/// <summary>
/// The host's settings of windowing and rollups (section <c>Portal:Windowing</c>). The engine's own settings
/// (<see cref="WindowEngineOptions"/>: window size, delays, lateness, idle timeout) bind from the same section.
/// </summary>
public sealed class WindowingOptions
{
    public const string Section = "Portal:Windowing";

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
}
