namespace Portal.Core.Ingest;

/// <summary>
/// Strict RFC 3339 date-time parsing: <c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)</c>. The offset is mandatory
/// (a time without one is ambiguous across instances); fractions beyond 100 ns are truncated; leap seconds are refused.
/// </summary>
internal static class Rfc3339
{
    public const string Expected = "must be an RFC 3339 date-time with an offset, e.g. 2024-05-01T08:30:00.123+08:00";

    public static bool TryParse(ReadOnlySpan<char> s, out DateTime utc)
    {
        utc = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] is not ('T' or 't' or ' ') || s[13] != ':' || s[16] != ':')
            return false;
        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;

        var pos = 19;
        long fractionTicks = 0;
        if (s[pos] == '.')
        {
            var start = ++pos;
            long scale = TimeSpan.TicksPerSecond;
            while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            {
                scale /= 10;
                fractionTicks += (s[pos] - '0') * scale;
                pos++;
            }
            if (pos == start) return false;
        }

        long offsetTicks;
        var rest = s[pos..];
        if (rest is "Z" or "z") offsetTicks = 0;
        else if (rest.Length == 6 && rest[0] is ('+' or '-') && rest[3] == ':'
                 && Digits(rest.Slice(1, 2), out var oh) && Digits(rest.Slice(4, 2), out var om) && oh <= 23 && om <= 59)
            offsetTicks = (rest[0] == '-' ? -1 : 1) * (oh * TimeSpan.TicksPerHour + om * TimeSpan.TicksPerMinute);
        else return false;

        var ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks - offsetTicks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
