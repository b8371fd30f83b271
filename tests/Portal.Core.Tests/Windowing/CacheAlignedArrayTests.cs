using System.Runtime.CompilerServices;
using Portal.Core.Windowing;

namespace Portal.Core.Tests.Windowing;

public class CacheAlignedArrayTests
{
    [Fact]
    public unsafe void EveryElementStartsOnACacheLineAndKeepsItsValueWhenResized()
    {
        var slots = new CacheAlignedArray<KeyAggregate>(5);
        var pool = new DenseCountsPool();
        for (var i = 0; i < slots.Length; i++)
        {
            Assert.Equal(0, (nint)Unsafe.AsPointer(ref slots[i]) % CacheAlignedArray<KeyAggregate>.LineBytes);
            for (var n = 0; n <= i; n++) slots[i].Add(100 + n, 10, isError: false, pool);
        }
        var resized = slots.Resized(12);
        Assert.Equal(12, resized.Length);
        Assert.Equal([1L, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0, 0], Enumerable.Range(0, 12).Select(i => resized[i].Count));
        Assert.Equal(0, (nint)Unsafe.AsPointer(ref resized[11]) % CacheAlignedArray<KeyAggregate>.LineBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => resized[12].Count);
    }

    [Fact]
    public void AKeysCountsAreThreeWholeLines() =>
        Assert.Equal(3 * CacheAlignedArray<KeyAggregate>.LineBytes, Unsafe.SizeOf<KeyAggregate>());

    [Fact]
    public void AnElementSizeThatIsNotWholeLinesIsRefused() =>
        Assert.Throws<InvalidOperationException>(() => new CacheAlignedArray<long>(4));
}
