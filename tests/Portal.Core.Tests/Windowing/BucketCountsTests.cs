using Portal.Core.Sketches;
using Portal.Core.Windowing;

namespace Portal.Core.Tests.Windowing;

public class BucketCountsTests
{
    [Theory]
    [InlineData(1, 5, 2)]        // a few values: stays sparse
    [InlineData(2, 300, 30)]     // up to the sparse limit
    [InlineData(3, 300, 60)]     // turns dense with fewer buckets than a sparse sketch holds
    [InlineData(5, 5_000, 400)]  // turns dense
    [InlineData(4, 3_000, 2_185)] // the whole bucket range
    public void MakesTheSameSketchAsAddingToASketchAndForgetsEverythingOnReset(int seed, int values, int bucketRange)
    {
        var random = new Random(seed);
        var counts = new BucketCounts();
        var pool = new DenseCountsPool();
        for (var round = 0; round < 3; round++)
        {
            var expected = new LatencySketch();
            var low = random.Next(0, LatencySketch.MaxBucketIndex - bucketRange + 1);
            for (var i = 0; i < values; i++)
            {
                var bucket = low + random.Next(bucketRange);
                counts.Add(bucket, pool);
                expected.AddBucket(bucket);
            }
            var sketch = counts.ToSketch(values, pool);
            Assert.True(sketch.BucketsEqual(expected), $"round {round}");
            Assert.Equal(expected.Serialize(), sketch.Serialize());
            Assert.Equal(expected.Quantile(0.99), sketch.Quantile(0.99));
            counts.Reset(pool);
        }
    }

    [Fact]
    public void ACountBeyondTheSparsePackingIsKept()
    {
        var counts = new BucketCounts();
        var pool = new DenseCountsPool();
        const int many = (1 << 20) + 10;
        for (var i = 0; i < many; i++) counts.Add(100, pool);
        counts.Add(7, pool);
        var sketch = counts.ToSketch(many + 1, pool);
        Assert.Equal([(7, 1L), (100, many)], sketch.NonEmptyBuckets().ToArray());
    }

    [Fact]
    public void ASketchMadeBeforeMoreAddsDoesNotChange()
    {
        var counts = new BucketCounts();
        var pool = new DenseCountsPool();
        counts.Add(10, pool);
        var first = counts.ToSketch(1, pool);
        counts.Add(10, pool);
        counts.Add(11, pool);
        Assert.Equal([(10, 1L)], first.NonEmptyBuckets().ToArray());
        Assert.Equal([(10, 2L), (11, 1L)], counts.ToSketch(3, pool).NonEmptyBuckets().ToArray());
    }

    [Fact]
    public void AFreedDenseBlockIsRentedAgainBySize()
    {
        var pool = new DenseCountsPool();
        var small = pool.Rent(DenseCountsPool.BlockLength);
        var large = pool.Rent(DenseCountsPool.BlockLength + 1);
        Assert.Equal(DenseCountsPool.BlockLength, large - small);
        pool.Return(small, DenseCountsPool.BlockLength);
        Assert.Equal(large + 2 * DenseCountsPool.BlockLength, pool.Rent(2 * DenseCountsPool.BlockLength + 1));
        Assert.Equal(small, pool.Rent(100));
    }
}
