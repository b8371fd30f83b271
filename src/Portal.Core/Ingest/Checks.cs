using System.Globalization;

namespace Portal.Core.Ingest;

/// <summary>Field checks shared by every decoder. Each returns null when the value is fine, else the reason.</summary>
internal static class Checks
{
    public static string? Length(string value, int max) =>
        value.Length <= max ? null : $"must be at most {max} characters, got {value.Length}";

    /// <summary>Required text: present, not empty, within <paramref name="max"/>.</summary>
    public static string? Text(string? value, int max) =>
        string.IsNullOrEmpty(value) ? "required" : Length(value, max);

    public static string? Time(DateTime utc, DateTime nowUtc, IngestLimits limits)
    {
        if (utc < nowUtc - limits.MaxAge)
            return $"{Format(utc)} is more than {Describe(limits.MaxAge)} before now ({Format(nowUtc)})";
        if (utc > nowUtc + limits.MaxFutureSkew)
            return $"{Format(utc)} is more than {Describe(limits.MaxFutureSkew)} after now ({Format(nowUtc)})";
        return null;
    }

    public static string? Id(ReadOnlySpan<byte> bytes, int expected)
    {
        if (bytes.Length != expected) return $"must be {expected} bytes, got {bytes.Length}";
        return bytes.IndexOfAnyExcept((byte)0) < 0 ? "must not be all zeros" : null;
    }

    /// <summary>Unix nanoseconds to UTC; every ulong fits in DateTime's range, at 100 ns resolution.</summary>
    public static DateTime FromUnixNanos(ulong nanos) =>
        new(DateTime.UnixEpoch.Ticks + (long)(nanos / 100), DateTimeKind.Utc);

    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Keeps input echoed in messages short.</summary>
    public static string Clip(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "...");

    private static string Describe(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? Plural((long)span.TotalDays, "day")
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? Plural((long)span.TotalHours, "hour")
        : span.Ticks % TimeSpan.TicksPerMinute == 0 ? Plural((long)span.TotalMinutes, "minute")
        : Plural((long)span.TotalSeconds, "second");

    private static string Plural(long count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
