using System.Globalization;

namespace Portal.Queries;

/// <summary>
/// The time interval of a search, from ?from=&amp;to= (ISO 8601, UTC unless an offset is given) or ?range= (5m, 15m, 1h,
/// 24h, 7d, ending now). Every search is bounded by one, since spans and logs are partitioned by time.
/// </summary>
public readonly record struct QueryTime(DateTime From, DateTime To)
{
    /// <summary>The longest interval a URL may ask for: bounds the work one request can cause.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);

    private static readonly Dictionary<string, TimeSpan> Ranges = new(StringComparer.OrdinalIgnoreCase)
    {
        ["5m"] = TimeSpan.FromMinutes(5),
        ["15m"] = TimeSpan.FromMinutes(15),
        ["live"] = TimeSpan.FromMinutes(15),
        ["1h"] = TimeSpan.FromHours(1),
        ["24h"] = TimeSpan.FromHours(24),
        ["7d"] = TimeSpan.FromDays(7),
    };

    /// <summary>Reads the interval; a problem is added to <paramref name="errors"/> and the default interval is used.</summary>
    public static QueryTime Parse(string? range, string? from, string? to, DateTime nowUtc, TimeSpan defaultSpan, List<QueryError> errors)
    {
        var fallback = new QueryTime(nowUtc - defaultSpan, nowUtc);
        if (!string.IsNullOrEmpty(from) || !string.IsNullOrEmpty(to))
        {
            var start = ParseInstant(from, "from", errors);
            var end = string.IsNullOrEmpty(to) ? nowUtc : ParseInstant(to, "to", errors);
            if (start is null || end is null) return fallback;
            if (end <= start)
            {
                errors.Add(new("to", "must be after from"));
                return fallback;
            }
            if (end - start > MaxSpan)
            {
                errors.Add(new("to", $"the interval may span at most {MaxSpan.TotalDays:0} days"));
                return fallback;
            }
            return new QueryTime(start.Value, end.Value);
        }
        if (string.IsNullOrEmpty(range) || range == "custom") return fallback;
        if (Ranges.TryGetValue(range, out var span)) return new QueryTime(nowUtc - span, nowUtc);
        errors.Add(new("range", $"must be one of {string.Join(", ", Ranges.Keys.Where(k => k != "live"))}"));
        return fallback;
    }

    private static DateTime? ParseInstant(string? text, string field, List<QueryError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new(field, "required when the other bound is given"));
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            return instant.UtcDateTime;
        errors.Add(new(field, "must be an ISO 8601 time, e.g. 2025-01-31T08:30:00Z"));
        return null;
    }

    /// <summary>How times are written into URLs: UTC with microseconds, the store's precision, so a link finds the same row.</summary>
    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
