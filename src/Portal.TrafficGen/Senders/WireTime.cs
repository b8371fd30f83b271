using System.Globalization;

namespace Portal.TrafficGen.Senders;

/// <summary>RFC 3339 UTC timestamps with 100 ns precision, as the portal's native and CloudEvents decoders expect.</summary>
public static class WireTime
{
    public static string Format(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
