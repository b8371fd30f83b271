namespace Portal.Queries;

/// <summary>Small parsers shared by the filters: each names the field it reads when the value is unusable.</summary>
internal static class QueryText
{
    public const int MaxTextLength = 500;

    /// <summary>A trimmed text filter; empty means "any".</summary>
    public static string? Text(string? value, string field, List<QueryError> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length > MaxTextLength) errors.Add(new(field, $"must be at most {MaxTextLength} characters"));
        else if (text.Any(char.IsControl)) errors.Add(new(field, "must not contain control characters"));
        else return text;
        return null;
    }

    public static int Page(string? value, List<QueryError> errors)
    {
        if (string.IsNullOrEmpty(value)) return 1;
        if (int.TryParse(value, System.Globalization.NumberStyles.None, null, out var page) && page is >= 1 and <= 10_000) return page;
        errors.Add(new("page", "must be a whole number from 1 to 10000"));
        return 1;
    }

    /// <summary>A non-negative duration in milliseconds (decimals allowed), as microseconds.</summary>
    public static long? Millis(string? value, string field, List<QueryError> errors)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            && ms >= 0 && ms <= 86_400_000)
            return (long)Math.Round(ms * 1000);
        errors.Add(new(field, "must be a number of milliseconds from 0 to 86400000"));
        return null;
    }
}
