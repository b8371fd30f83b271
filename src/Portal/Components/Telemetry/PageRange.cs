using Portal.Components.Ui;
using Portal.Queries;

namespace Portal.Components.Telemetry;

/// <summary>
/// The time-range picker's value for an interval the query layer already parsed (<see cref="QueryTime"/>), so the picker
/// shows the interval the list really covers.
/// </summary>
public static class PageRange
{
    public static TimeRange For(string? range, string? from, string? to, QueryTime time, string defaultKey)
    {
        if (!string.IsNullOrEmpty(from) && !string.IsNullOrEmpty(to))
            return new TimeRange(TimeRange.CustomKey, Utc(time.From), Utc(time.To), IsLive: false);
        var key = TimeRange.Presets.Any(p => p.Key == range && !p.IsLive) ? range! : defaultKey;
        return new TimeRange(key, Utc(time.From), Utc(time.To), IsLive: false);
    }

    /// <summary>The picker's fields and the range links that keep the other filters (the form's hidden inputs).</summary>
    public static IEnumerable<(string Name, string Value)> Fields(string? range, string? from, string? to)
    {
        if (!string.IsNullOrEmpty(from)) yield return ("from", from);
        if (!string.IsNullOrEmpty(to)) yield return ("to", to);
        if (!string.IsNullOrEmpty(range)) yield return ("range", range);
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
