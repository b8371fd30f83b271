using Portal.Core.Windowing;

namespace Portal.Core.Tests.Windowing;

public class WindowKeyAndRollupTests
{
    [Fact]
    public void KeysSplitBackIntoTheirParts()
    {
        var endpoint = WindowKey.ForEndpoint("payments", "GET /transfer");
        Assert.Equal("payments GET /transfer", endpoint.Key);
        Assert.True(WindowKey.TrySplitEndpoint(endpoint.Key, out var service, out var name));
        Assert.Equal(("payments", "GET /transfer"), (service, name));

        var edge = WindowKey.ForEdge("gateway", "payments");
        Assert.Equal("gateway->payments", edge.Key);
        Assert.True(WindowKey.TrySplitEdge(edge.Key, out var caller, out var callee));
        Assert.Equal(("gateway", "payments"), (caller, callee));
        Assert.False(WindowKey.TrySplitEdge("payments", out _, out _));
    }

    [Theory]
    [InlineData(60, RollupLevel.Second)]
    [InlineData(15 * 60, RollupLevel.Second)]
    [InlineData(15 * 60 + 1, RollupLevel.Minute)]
    [InlineData(2 * 86_400, RollupLevel.Minute)]
    [InlineData(2 * 86_400 + 1, RollupLevel.Hour)]
    [InlineData(30 * 86_400, RollupLevel.Hour)]
    public void TheLevelFollowsTheRange(int seconds, RollupLevel level) =>
        Assert.Equal(level, RollupResolution.For(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void TimesAlignToBuckets()
    {
        var t = new DateTime(2025, 3, 4, 10, 17, 42, 250, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2025, 3, 4, 10, 17, 42, DateTimeKind.Utc), RollupResolution.Floor(t, RollupLevel.Second));
        Assert.Equal(new DateTime(2025, 3, 4, 10, 18, 0, DateTimeKind.Utc), RollupResolution.Ceiling(t, RollupLevel.Minute));
        Assert.Equal(new DateTime(2025, 3, 4, 10, 0, 0, DateTimeKind.Utc), RollupResolution.Floor(t, RollupLevel.Hour));
        Assert.Equal(RollupResolution.Floor(t, RollupLevel.Minute), RollupResolution.Ceiling(RollupResolution.Floor(t, RollupLevel.Minute), RollupLevel.Minute));
        Assert.Equal(2, RollupResolution.BucketCount(t, t.AddMinutes(1), RollupLevel.Minute));
        Assert.Equal(RollupLevel.Minute, RollupResolution.Coarser(RollupLevel.Second));
        Assert.Null(RollupResolution.Coarser(RollupLevel.Hour));
    }
}
