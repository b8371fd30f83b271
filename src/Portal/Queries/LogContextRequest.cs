using System.Globalization;

namespace Portal.Queries;

/// <summary>The context view's parameters: the hit's instance, time (to the microsecond) and id, and how many lines around it.</summary>
public sealed record LogContextRequest(string Instance, DateTime Time, long Id, int Lines)
{
    public static LogContextRequest Parse(string? instance, string? time, string? id, string? n, List<QueryError> errors)
    {
        var name = QueryText.Text(instance, "instance", errors);
        if (name is null && !errors.Any(e => e.Field == "instance")) errors.Add(new("instance", "required"));

        DateTime at = default;
        if (string.IsNullOrEmpty(time)) errors.Add(new("time", "required"));
        else if (DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            at = parsed.UtcDateTime;
        else errors.Add(new("time", "must be an ISO 8601 time"));

        long lineId = 0;
        if (string.IsNullOrEmpty(id)) errors.Add(new("id", "required"));
        else if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out lineId)) errors.Add(new("id", "must be a whole number"));

        var lines = LogContext.DefaultLines;
        if (!string.IsNullOrEmpty(n) && (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out lines) || lines < 1 || lines > LogContext.MaxLines))
        {
            errors.Add(new("n", $"must be a whole number from 1 to {LogContext.MaxLines}"));
            lines = LogContext.DefaultLines;
        }
        return new LogContextRequest(name ?? "", at, lineId, lines);
    }
}
