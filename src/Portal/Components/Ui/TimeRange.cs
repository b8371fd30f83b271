using System.Globalization;

namespace Portal.Components.Ui;

/// <summary>A preset of the time-range picker: its key in ?range= and the span it covers up to now.</summary>
public sealed record TimeRangePreset(string Key, string Label, TimeSpan Span, bool IsLive = false);

/// <summary>
/// The time range a page shows, read from the URL: ?range=live|5m|15m|1h|24h|7d, or ?range=custom&amp;from=…&amp;to=…
/// (UTC, ISO 8601). Ranges end "now" except custom ones; "live" is a rolling window fed by the live feed.
/// </summary>
public sealed record TimeRange(string Key, DateTimeOffset From, DateTimeOffset To, bool IsLive, string? Error = null)
{
    public const string CustomKey = "custom";

    /// <summary>The longest custom range a page may ask for: bounds the queries a URL can trigger.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);

    public static readonly IReadOnlyList<TimeRangePreset> Presets =
    [
        new("live", "Live", TimeSpan.FromMinutes(15), IsLive: true),
        new("5m", "5m", TimeSpan.FromMinutes(5)),
        new("15m", "15m", TimeSpan.FromMinutes(15)),
        new("1h", "1h", TimeSpan.FromHours(1)),
        new("24h", "24h", TimeSpan.FromHours(24)),
        new("7d", "7d", TimeSpan.FromDays(7)),
    ];

    public bool IsCustom => Key == CustomKey;

    public TimeSpan Span => To - From;

    /// <summary>Reads the URL's range; anything unusable falls back to <paramref name="defaultKey"/> with <see cref="Error"/> saying why.</summary>
    public static TimeRange Parse(string? range, string? from, string? to, DateTimeOffset now, string defaultKey = "1h")
    {
        var fallback = Presets.FirstOrDefault(p => p.Key == defaultKey)
            ?? throw new ArgumentException($"Unknown default range '{defaultKey}'.", nameof(defaultKey));

        if (string.IsNullOrEmpty(range) && string.IsNullOrEmpty(from) && string.IsNullOrEmpty(to))
            return FromPreset(fallback, now);

        if (range != CustomKey && (range is not null || from is null))
        {
            var preset = Presets.FirstOrDefault(p => p.Key == range);
            return preset is null
                ? FromPreset(fallback, now) with { Error = "Unknown time range; showing the default." }
                : FromPreset(preset, now);
        }

        if (!TryParseInstant(from, out var start) || !TryParseInstant(to, out var end))
            return FromPreset(fallback, now) with { Error = "The custom range needs a valid start and end (UTC)." };
        if (end <= start)
            return FromPreset(fallback, now) with { Error = "The custom range must end after it starts." };
        if (end - start > MaxSpan)
            return FromPreset(fallback, now) with { Error = $"A custom range may span at most {MaxSpan.TotalDays:0} days." };
        return new TimeRange(CustomKey, start, end, IsLive: false);
    }

    /// <summary>How from/to are written in URLs and in the picker's datetime-local inputs (UTC, to the second).</summary>
    public static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static TimeRange FromPreset(TimeRangePreset preset, DateTimeOffset now) =>
        new(preset.Key, now - preset.Span, now, preset.IsLive);

    /// <summary>Accepts what datetime-local inputs send ("2025-01-31T08:30") and ISO instants from the charts ("…Z").</summary>
    private static bool TryParseInstant(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
}
