using Portal.Core.Windowing;

namespace Portal.Core.Tests.Windowing;

public class WindowResultListTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 5)]
    [InlineData(3_000, 3_000)]  // three arrays, the last shorter
    [InlineData(10, 2_500)]     // more than expected: the short array grows, then full ones follow
    [InlineData(0, 1_025)]
    [InlineData(5_000, 1_024)]  // fewer than expected
    public void HoldsEveryResultInOrder(int expected, int added)
    {
        var list = new WindowResultList(expected);
        var key = WindowKey.ForService("svc");
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < added; i++)
            list.Add(new WindowResult(key, start, start.AddSeconds(1), WindowResultKind.First, i, new WindowAggregate()));

        Assert.Equal(added, list.Count);
        Assert.Equal(Enumerable.Range(0, added), list.Select(r => r.Revision));
        Assert.Equal(Enumerable.Range(0, added), Enumerable.Range(0, added).Select(i => list[i].Revision));
        Assert.Throws<ArgumentOutOfRangeException>(() => list[added]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }
}
