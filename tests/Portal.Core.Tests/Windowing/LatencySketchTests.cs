using Portal.Core.Sketches;

namespace Portal.Core.Tests.Windowing;

public class LatencySketchTests
{
    // Floating-point rounding at bucket edges may exceed α by a few ulps.
    private const double Bound = LatencySketch.RelativeAccuracy * (1 + 1e-9);
    private static readonly double[] Quantiles = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

    public static TheoryData<string, int> Distributions() => new()
    {
        { "uniform", 1 }, { "uniform", 2 },
        { "lognormal", 3 }, { "lognormal", 4 },
        { "exponential", 5 },
        { "pareto", 6 },
        { "with-zeros", 7 },
        { "constant", 8 },
    };

    [Theory]
    [MemberData(nameof(Distributions))]
    public void QuantilesAreWithinTheRelativeErrorOfExactQuantiles(string distribution, int seed)
    {
        var values = Draw(distribution, new Random(seed), 20_000);
        var sketch = new LatencySketch();
        foreach (var v in values) sketch.Add(v);
        Array.Sort(values);

        Assert.Equal(values.Length, sketch.Count);
        foreach (var q in Quantiles)
        {
            var exact = values[(long)Math.Floor(q * (values.Length - 1))];
            var estimate = sketch.Quantile(q);
            Assert.True(Math.Abs(estimate - exact) <= Bound * exact,
                $"{distribution} q={q}: estimate {estimate}, exact {exact}");
        }
    }

    [Fact]
    public void EveryValueMapsToABucketWhoseValueIsWithinTheBound()
    {
        var random = new Random(11);
        var values = Enumerable.Range(1, 5000).Select(i => (long)i)
            .Concat(Enumerable.Range(0, 5000).Select(_ => random.NextInt64(1, long.MaxValue)))
            .Append(long.MaxValue);
        foreach (var v in values)
        {
            var index = LatencySketch.BucketIndex(v);
            Assert.InRange(index, 1, LatencySketch.MaxBucketIndex);
            Assert.True(Math.Abs(LatencySketch.BucketValue(index) - v) <= Bound * v, $"value {v}");
        }
        Assert.Equal(0, LatencySketch.BucketIndex(0));
        Assert.Equal(0, LatencySketch.BucketIndex(-5));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MergingRandomSplitsEqualsTheSketchOfTheWhole(int seed)
    {
        var random = new Random(seed);
        var values = Draw("lognormal", random, 10_000).Concat(Draw("with-zeros", random, 2_000)).ToArray();
        var whole = new LatencySketch();
        foreach (var v in values) whole.Add(v);

        var parts = Enumerable.Range(0, random.Next(2, 12)).Select(_ => new LatencySketch()).ToArray();
        foreach (var v in values) parts[random.Next(parts.Length)].AddBucket(LatencySketch.BucketIndex(v));
        random.Shuffle(parts);
        var merged = new LatencySketch();
        foreach (var part in parts) merged.Merge(part);

        Assert.True(merged.BucketsEqual(whole));
        Assert.Equal(whole.Serialize(), merged.Serialize());
    }

    [Fact]
    public void MergingIsAssociativeAndCommutative()
    {
        var random = new Random(5);
        LatencySketch Make(string distribution)
        {
            var s = new LatencySketch();
            foreach (var v in Draw(distribution, random, 3_000)) s.Add(v);
            return s;
        }
        var (a, b, c) = (Make("uniform"), Make("pareto"), Make("with-zeros"));

        var left = a.Clone(); left.Merge(b); left.Merge(c);
        var bc = b.Clone(); bc.Merge(c);
        var right = a.Clone(); right.Merge(bc);
        var reversed = c.Clone(); reversed.Merge(b); reversed.Merge(a);

        Assert.True(left.BucketsEqual(right));
        Assert.True(left.BucketsEqual(reversed));
    }

    [Theory]
    [InlineData("lognormal", 1)]
    [InlineData("pareto", 2)]
    [InlineData("with-zeros", 3)]
    [InlineData("constant", 4)]
    public void SerializationRoundTrips(string distribution, int seed)
    {
        var sketch = new LatencySketch();
        foreach (var v in Draw(distribution, new Random(seed), 5_000)) sketch.Add(v);

        var bytes = sketch.Serialize();
        var restored = LatencySketch.Deserialize(bytes);

        Assert.True(restored.BucketsEqual(sketch));
        foreach (var q in Quantiles) Assert.Equal(sketch.Quantile(q), restored.Quantile(q));
        Assert.True(bytes.Length < 1_200, $"{bytes.Length} bytes");
    }

    [Fact]
    public void AnEmptySketchRoundTripsAndHasNoQuantile()
    {
        var restored = LatencySketch.Deserialize(new LatencySketch().Serialize());
        Assert.Equal(0, restored.Count);
        Assert.True(double.IsNaN(restored.Quantile(0.5)));
        Assert.Equal(2, new LatencySketch().Serialize().Length);
    }

    [Fact]
    public void MalformedBytesAreRejected()
    {
        var sketch = new LatencySketch();
        sketch.Add(1000);
        sketch.Add(5);
        var bytes = sketch.Serialize();

        Assert.Throws<FormatException>(() => LatencySketch.Deserialize([]));
        Assert.Throws<FormatException>(() => LatencySketch.Deserialize([9, 0]));
        Assert.Throws<FormatException>(() => LatencySketch.Deserialize(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<FormatException>(() => LatencySketch.Deserialize([.. bytes, 0]));
        Assert.Throws<FormatException>(() => LatencySketch.Deserialize([1, 1, 0xFF, 0xFF, 0x03, 1]));
        Assert.Throws<FormatException>(() => LatencySketch.Deserialize([1, 1, 1, 0]));
    }

    [Fact]
    public void LargeCountsAndManyBucketsOutgrowTheSparseFormWithoutLoss()
    {
        var sketch = new LatencySketch();
        sketch.AddBucket(5, 2_000_000);
        sketch.AddBucket(5);
        for (var i = 1; i <= 500; i++) sketch.Add(i * 1_000L);
        var sparse = new LatencySketch();
        for (var i = 1; i <= 500; i++) sparse.Add(i * 1_000L);

        Assert.Equal(2_000_501, sketch.Count);
        Assert.Contains((5, 2_000_001L), sketch.NonEmptyBuckets());
        Assert.True(LatencySketch.Deserialize(sketch.Serialize()).BucketsEqual(sketch));
        var merged = new LatencySketch();
        merged.AddBucket(5, 2_000_001);
        merged.Merge(sparse);
        Assert.True(merged.BucketsEqual(sketch));
    }

    [Fact]
    public void QuantileOutsideZeroToOneIsRejected()
    {
        var sketch = new LatencySketch();
        sketch.Add(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantile(double.NaN));
    }

    internal static long[] Draw(string distribution, Random random, int n)
    {
        var values = new long[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = distribution switch
            {
                "uniform" => random.NextInt64(1, 2_000_000),
                "lognormal" => (long)Math.Exp(Math.Log(20_000) + 1.2 * Normal(random)),
                "exponential" => (long)(-Math.Log(1 - random.NextDouble()) * 5_000),
                "pareto" => (long)(100 / Math.Pow(1 - random.NextDouble(), 1 / 1.2)),
                "with-zeros" => random.NextDouble() < 0.2 ? 0 : random.NextInt64(1, 500),
                "constant" => 1234,
                _ => throw new ArgumentException(distribution),
            };
        }
        return values;
    }

    internal static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
