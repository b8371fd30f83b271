using System.Globalization;

namespace Portal.Queries;

/// <summary>
/// The duration histogram's buckets: a 1-2-5 series from 1 ms to 60 s, so one chart reads well for fast and slow calls.
/// Bucket i (1-based, as PostgreSQL's width_bucket numbers them) holds [Edges[i-1], Edges[i]); 0 is below 1 ms.
/// </summary>
public static class DurationBuckets
{
    /// <summary>Bucket boundaries in microseconds.</summary>
    public static readonly long[] Edges =
    [
        1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000,
        1_000_000, 2_000_000, 5_000_000, 10_000_000, 20_000_000, 60_000_000,
    ];

    public static int Count => Edges.Length + 1;

    /// <summary>The bucket of a duration, numbered like width_bucket(duration, Edges).</summary>
    public static int Of(long micros)
    {
        var index = Array.BinarySearch(Edges, micros);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>The lower bound in microseconds (0 for the first bucket).</summary>
    public static long LowerOf(int bucket) => bucket == 0 ? 0 : Edges[bucket - 1];

    /// <summary>The upper bound in microseconds; null for the last, open bucket.</summary>
    public static long? UpperOf(int bucket) => bucket < Edges.Length ? Edges[bucket] : null;

    /// <summary>"&lt; 1 ms", "50–100 ms", "500 ms–1 s", "≥ 60 s": the unit once when both bounds share it, so bars stay narrow.</summary>
    public static string Label(int bucket)
    {
        if (UpperOf(bucket) is not { } upper) return $"≥ {FormatMicros(LowerOf(bucket))}";
        if (bucket == 0) return $"< {FormatMicros(upper)}";
        var lower = LowerOf(bucket);
        return (lower >= 1_000_000) == (upper >= 1_000_000)
            ? $"{Number(lower)}–{FormatMicros(upper)}"
            : $"{FormatMicros(lower)}–{FormatMicros(upper)}";
    }

    public static string FormatMicros(long micros) => Number(micros) + (micros >= 1_000_000 ? " s" : " ms");

    private static string Number(long micros) => micros >= 1_000_000
        ? (micros / 1_000_000.0).ToString("0.##", CultureInfo.InvariantCulture)
        : (micros / 1000.0).ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>One bar of the histogram; <see cref="Selected"/> when the list is filtered to exactly this bucket.</summary>
public sealed record HistogramBar(int Bucket, string Label, long Count, long MinMicros, long? MaxMicros, bool Selected);
