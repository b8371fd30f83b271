using System.Globalization;
using LogLevel = Portal.Core.Records.LogLevel;
using Portal.Queries;
using Portal.Components.Ui;

namespace Portal.Components.Telemetry;

/// <summary>How times, durations and levels read on the telemetry pages: UTC, milliseconds, one tone per level.</summary>
public static class Display
{
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string ShortTime(DateTime utc) => utc.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Duration(long micros) => micros switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{micros} µs"),
        < 10_000_000 => (micros / 1000.0).ToString("#,0.##", CultureInfo.InvariantCulture) + " ms",
        _ => (micros / 1_000_000.0).ToString("#,0.##", CultureInfo.InvariantCulture) + " s",
    };

    /// <summary>A signed clock-skew shift, e.g. "+1.2 ms".</summary>
    public static string Shift(TimeSpan shift) => (shift < TimeSpan.Zero ? "−" : "+") + Duration(Math.Abs(shift.Ticks / 10));

    public static Tone LevelTone(LogLevel level) => level switch
    {
        >= LogLevel.Error => Tone.Error,
        >= LogLevel.Warn => Tone.Warn,
        >= LogLevel.Info => Tone.Info,
        _ => Tone.Neutral,
    };

    public static string Level(LogLevel level) => level.ToString().ToUpperInvariant();

    /// <summary>Milliseconds as written in ?minMs= (no trailing zeros).</summary>
    public static string Millis(long micros) => (micros / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The URL form of a time, to the microsecond (the store's precision).</summary>
    public static string UrlTime(DateTime utc) => QueryTime.Format(utc);
}
