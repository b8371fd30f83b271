using Portal.Core.Sketches;

namespace Portal.Core.Tests.Windowing;

public class BucketIndexTableTests
{
    // The mapping stored sketches were written with (format version 1), computed here independently.
    private static readonly double InverseLogGamma = 1 / Math.Log((1 + LatencySketch.RelativeAccuracy) / (1 - LatencySketch.RelativeAccuracy));
    private static int ByLogarithm(long v) => v <= 0 ? 0 : 1 + (int)Math.Ceiling(Math.Log(v) * InverseLogGamma);

    [Fact]
    public void TheTableGivesTheLogarithmsBucketAroundEveryBucketEdge()
    {
        for (var bucket = 1; bucket < LatencySketch.MaxBucketIndex; bucket++)
        {
            var last = LargestValueIn(bucket);
            foreach (var v in new[] { last - 1, last, last + 1, last + 2 }) Assert.Equal(ByLogarithm(v), LatencySketch.BucketIndex(v));
        }
    }

    [Fact]
    public void TheTableGivesTheLogarithmsBucketOverTheWholeRange()
    {
        var random = new Random(7);
        var values = Enumerable.Range(-3, 100_000).Select(i => (long)i)
            .Concat(Enumerable.Range(0, 200_000).Select(_ => random.NextInt64(long.MaxValue) >> random.Next(63)))
            .Concat(Enumerable.Range(0, 63).SelectMany(bit => new[] { (1L << bit) - 1, 1L << bit, (1L << bit) + 1 }))
            .Append(long.MaxValue).Append(long.MinValue);
        foreach (var v in values) Assert.Equal(ByLogarithm(v), LatencySketch.BucketIndex(v));
        Assert.Equal(ByLogarithm(long.MaxValue), LatencySketch.MaxBucketIndex);
    }

    private static long LargestValueIn(int bucket)
    {
        long low = 0, high = long.MaxValue - 2;
        while (low < high)
        {
            var middle = high - (high - low) / 2;
            if (ByLogarithm(middle) <= bucket) low = middle;
            else high = middle - 1;
        }
        return low;
    }

    [Fact]
    public void EveryValueIsWithinOnePercentOfItsBucketsValue()
    {
        // The bound the sketch documents, over every power of two and its neighbours and a dense stretch of small values.
        var values = Enumerable.Range(1, 20_000).Select(i => (long)i)
            .Concat(Enumerable.Range(1, 62).SelectMany(bit => new[] { (1L << bit) - 1, 1L << bit, (1L << bit) + 1, 3L << (bit - 1) }))
            .Append(long.MaxValue);
        foreach (var v in values)
        {
            var value = LatencySketch.BucketValue(LatencySketch.BucketIndex(v));
            Assert.True(Math.Abs(value - v) <= LatencySketch.RelativeAccuracy * (1 + 1e-9) * v, $"value {v}: bucket value {value}");
        }
    }
}
