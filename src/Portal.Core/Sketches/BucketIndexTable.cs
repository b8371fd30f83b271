namespace Portal.Core.Sketches;

/// <summary>
/// <see cref="LatencySketch"/>'s bucket mapping, 1 + ⌈ln v / ln γ⌉, without a logarithm per value and with exactly the
/// same result: a first guess from the top bits of the value as a double (its exponent and 7 mantissa bits pick one of
/// 64 × 128 cells, each narrower than a bucket), then at most a step or two up against the exact largest value of each
/// bucket. Both tables are computed once from the logarithm itself, so stored sketches keep their meaning, and the
/// error bound is the sketch's own: a value v in bucket b ≥ 1 has γ^(b−2) &lt; v ≤ γ^(b−1), within α = 1% of the bucket's
/// representative 2γ^(b−1)/(γ+1). About 33 KB of tables; a lookup reads one entry of each, plus one more per step.
/// </summary>
internal static class BucketIndexTable
{
    private const int MantissaBits = 7;
    private const int CellShift = 52 - MantissaBits;
    private const int FirstCell = 1023 << MantissaBits; // the cell of 1.0
    private const int CellCount = 64 << MantissaBits;   // doubles from 1 to 2^64

    /// <summary>γ = (1+α)/(1−α): each bucket's largest value is γ times its smallest.</summary>
    public static readonly double Gamma = (1 + LatencySketch.RelativeAccuracy) / (1 - LatencySketch.RelativeAccuracy);
    private static readonly double InverseLogGamma = 1 / Math.Log(Gamma);

    /// <summary>The largest value of each bucket (bucket 0 holds 0 and below).</summary>
    private static readonly long[] LargestValue;

    /// <summary>The bucket of the smallest value in each cell: never above the bucket of any value in that cell.</summary>
    private static readonly ushort[] CellFirstBucket;

    public static readonly int MaxBucketIndex = ByLogarithm(long.MaxValue);

    static BucketIndexTable()
    {
        LargestValue = new long[MaxBucketIndex + 1];
        for (var bucket = 0; bucket < MaxBucketIndex; bucket++) LargestValue[bucket] = LargestValueIn(bucket);
        LargestValue[MaxBucketIndex] = long.MaxValue;

        CellFirstBucket = new ushort[CellCount];
        for (var cell = 0; cell < CellCount; cell++)
        {
            var smallest = BitConverter.Int64BitsToDouble((long)(cell + FirstCell) << CellShift);
            CellFirstBucket[cell] = (ushort)ByLogarithm(smallest >= long.MaxValue ? long.MaxValue : (long)Math.Ceiling(smallest));
        }
    }

    public static int Of(long value)
    {
        if (value <= 0) return 0;
        var cell = (int)(BitConverter.DoubleToInt64Bits(value) >> CellShift) - FirstCell;
        int bucket = CellFirstBucket[cell];
        while (value > LargestValue[bucket]) bucket++;
        return bucket;
    }

    /// <summary>The definition of the mapping; values that convert to the same double share a bucket.</summary>
    public static int ByLogarithm(long value) =>
        value <= 0 ? 0 : 1 + (int)Math.Ceiling(Math.Log(value) * InverseLogGamma);

    // The mapping only grows with the value, so a binary search finds each bucket's end.
    private static long LargestValueIn(int bucket)
    {
        long low = 0, high = long.MaxValue;
        while (low < high)
        {
            var middle = low + (long)(((ulong)(high - low) + 1) / 2); // rounds up, so the search ends; unsigned, so it cannot overflow
            if (ByLogarithm(middle) <= bucket) low = middle;
            else high = middle - 1;
        }
        return low;
    }
}
