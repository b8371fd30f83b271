using Portal.Core.Windowing;

namespace Portal.Core.Tests.Windowing;

public class WindowAggregateTests
{
    [Fact]
    public void MergingPartsEqualsAddingEverything()
    {
        var random = new Random(3);
        var whole = new WindowAggregate();
        var parts = new[] { new WindowAggregate(), new WindowAggregate(), new WindowAggregate() };
        for (var i = 0; i < 1_000; i++)
        {
            var duration = random.NextInt64(0, 100_000);
            var error = random.NextDouble() < 0.1;
            whole.Add(duration, error);
            parts[random.Next(2)].Add(duration, error);
        }
        var merged = new WindowAggregate();
        foreach (var part in parts) merged.Merge(part);

        Assert.Equal((whole.Count, whole.Errors, whole.LatencySumMicros, whole.LatencyMinMicros, whole.LatencyMaxMicros),
            (merged.Count, merged.Errors, merged.LatencySumMicros, merged.LatencyMinMicros, merged.LatencyMaxMicros));
        Assert.True(merged.Sketch.BucketsEqual(whole.Sketch));
        Assert.Equal(whole.SuccessRate, merged.SuccessRate);
    }

    [Fact]
    public void ItRoundTripsThroughItsColumns()
    {
        var aggregate = new WindowAggregate();
        aggregate.Add(120, false);
        aggregate.Add(4_500, true);
        aggregate.Add(0, false);

        var restored = WindowAggregate.FromColumns(aggregate.Count, aggregate.Errors, aggregate.LatencySumMicros,
            aggregate.LatencyMinMicros, aggregate.LatencyMaxMicros, aggregate.Sketch.Serialize());

        Assert.Equal((3L, 1L, 4_620L, 0L, 4_500L), (restored.Count, restored.Errors, restored.LatencySumMicros, restored.LatencyMinMicros, restored.LatencyMaxMicros));
        Assert.True(restored.Sketch.BucketsEqual(aggregate.Sketch));
        Assert.Throws<FormatException>(() => WindowAggregate.FromColumns(4, 1, 0, 0, 0, aggregate.Sketch.Serialize()));
    }

    [Fact]
    public void QuantilesAreClampedToTheObservedRangeAndEmptyAggregatesHaveNone()
    {
        var aggregate = new WindowAggregate();
        Assert.True(double.IsNaN(aggregate.Quantile(0.5)));
        Assert.True(double.IsNaN(aggregate.SuccessRate));

        aggregate.Add(1_000, false);
        Assert.Equal(1_000, aggregate.Quantile(0));
        Assert.Equal(1_000, aggregate.Quantile(1));
        Assert.Equal(1.0, aggregate.SuccessRate);
    }

    [Fact]
    public void NegativeDurationsCountAsZero()
    {
        var aggregate = new WindowAggregate();
        aggregate.Add(-5, false);
        Assert.Equal((0L, 0L), (aggregate.LatencySumMicros, aggregate.LatencyMaxMicros));
    }
}
