using Portal.Core.Windowing;

namespace Portal.Core.Tests.Windowing;

public class NameCacheTests
{
    [Fact]
    public void FindsTheInstanceItWasGivenAndMissesAnotherInstanceOfTheSameName()
    {
        var cache = new NameCache<int>(8);
        var name = new string("svc-orders".AsSpan());
        cache.Set(name, 7);

        Assert.True(cache.TryGet(name, out var value));
        Assert.Equal(7, value);
        // Equal characters, another instance: the caller's dictionary answers that one.
        Assert.False(cache.TryGet(new string("svc-orders".AsSpan()), out _));
    }

    [Fact]
    public void NeverAnswersAWrongValueWhenManyNamesShareFewSlots()
    {
        var random = new Random(3);
        var cache = new NameCache<int>(4);
        var names = Enumerable.Range(0, 50).Select(i => new string($"endpoint-{i}".AsSpan())).ToArray();
        var hits = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var n = random.Next(names.Length);
            if (cache.TryGet(names[n], out var value))
            {
                Assert.Equal(n, value);
                hits++;
            }
            else cache.Set(names[n], n);
        }
        Assert.InRange(hits, 1, 19_999);
    }

    [Fact]
    public void KeepsBothNamesOfAPairAndDropsTheOlderOfThreeWithClearEmptyingAll()
    {
        var cache = new NameCache<int>(2);
        string a = new("a".AsSpan()), b = new("b".AsSpan()), c = new("c".AsSpan());
        cache.Set(a, 1);
        cache.Set(b, 2);
        Assert.True(cache.TryGet(a, out _));
        Assert.True(cache.TryGet(b, out _));

        cache.Set(c, 3);
        Assert.False(cache.TryGet(a, out _));
        Assert.True(cache.TryGet(b, out var bValue));
        Assert.Equal(2, bValue);
        Assert.True(cache.TryGet(c, out var cValue));
        Assert.Equal(3, cValue);

        cache.Clear();
        Assert.False(cache.TryGet(b, out _));
        Assert.False(cache.TryGet(c, out _));
    }

    [Fact]
    public void ANameMovedByACompactingCollectionOnlyMissesAndIsFoundAgainOnceSetAgain()
    {
        var cache = new NameCache<int>(256);
        var names = Enumerable.Range(0, 100).Select(i => new string($"svc-{i}".AsSpan())).ToArray();
        for (var i = 0; i < names.Length; i++) cache.Set(names[i], i);
        // Garbage between the names, then a compacting collection: the names move, and their addresses with them.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        for (var i = 0; i < names.Length; i++)
        {
            if (cache.TryGet(names[i], out var value)) Assert.Equal(i, value);
            else cache.Set(names[i], i);
            Assert.True(cache.TryGet(names[i], out var again));
            Assert.Equal(i, again);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12)]
    public void RefusesASizeThatIsNotAPowerOfTwoOfAtLeastTwo(int size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new NameCache<int>(size));
}
