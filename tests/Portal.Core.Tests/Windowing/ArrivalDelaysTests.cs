using Portal.Core.Windowing;

namespace Portal.Core.Tests.Windowing;

public class ArrivalDelaysTests
{
    [Theory]
    [InlineData(1, 0.99)]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.999)]
    [InlineData(4, 0.0)]
    [InlineData(5, 1.0)]
    public void QuantileIsTheUpperEdgeOfTheFirstBucketHoldingThatShareOfDelays(int seed, double q)
    {
        var random = new Random(seed);
        var max = TimeSpan.FromSeconds(3).Ticks;
        var delays = new ArrivalDelays(max, nowTicks: 0);
        var bucketEdges = new List<long>();
        for (var i = 0; i < 5_000; i++)
        {
            // Mostly short delays, a few at or past the cap, some negative (a source's clock ahead).
            var delay = random.Next(10) switch
            {
                0 => max + random.NextInt64(max),
                1 => -random.NextInt64(max),
                _ => (long)(random.NextDouble() * random.NextDouble() * max),
            };
            delays.Add(delay);
            bucketEdges.Add(UpperEdge(delay, max));
        }

        bucketEdges.Sort();
        var want = bucketEdges[(int)Math.Max(0, Math.Ceiling(q * bucketEdges.Count) - 1)];
        Assert.True(delays.TryQuantileTicks(q, out var got));
        Assert.Equal(want, got);
    }

    [Fact]
    public void AQuantileReachedExactlyStaysInItsBucket()
    {
        var max = TimeSpan.FromSeconds(3).Ticks;
        var delays = new ArrivalDelays(max, 0);
        for (var i = 0; i < 99; i++) delays.Add(1);
        delays.Add(max + 1);
        Assert.True(delays.TryQuantileTicks(0.99, out var p99));
        Assert.True(delays.TryQuantileTicks(1.0, out var all));
        Assert.Equal((UpperEdge(1, max), UpperEdge(max + 1, max)), (p99, all));
    }

    [Fact]
    public void TooFewSamplesGiveNoQuantile()
    {
        var delays = new ArrivalDelays(TimeSpan.FromSeconds(3).Ticks, 0);
        for (var i = 0; i < ArrivalDelays.MinSamples - 1; i++) delays.Add(1_000);
        Assert.False(delays.TryQuantileTicks(0.99, out _));
        delays.Add(1_000);
        Assert.True(delays.TryQuantileTicks(0.99, out _));
    }

    /// <summary>The quantile a single delay would give: the upper edge of its bucket, found through the struct itself.</summary>
    private static long UpperEdge(long delay, long max)
    {
        var single = new ArrivalDelays(max, 0);
        for (var i = 0; i < ArrivalDelays.MinSamples; i++) single.Add(delay);
        Assert.True(single.TryQuantileTicks(0.5, out var edge));
        return edge;
    }
}
