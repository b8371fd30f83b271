using Portal.Components.Ui;

namespace Portal.Tests.Components;

public class TimeRangeTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_parameters_give_the_default_preset()
    {
        var range = TimeRange.Parse(null, null, null, Now, defaultKey: "live");

        Assert.Equal(("live", Now.AddMinutes(-15), Now, true, (string?)null), (range.Key, range.From, range.To, range.IsLive, range.Error));
    }

    [Fact]
    public void Custom_bounds_are_read_as_utc()
    {
        var range = TimeRange.Parse("custom", "2025-03-01T08:00", "2025-03-01T09:30:15Z", Now);

        Assert.True(range.IsCustom);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero), range.From);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 9, 30, 15, TimeSpan.Zero), range.To);
        Assert.Null(range.Error);
    }

    [Theory]
    [InlineData("custom", "2025-03-01T09:00", "2025-03-01T08:00")]
    [InlineData("custom", "yesterday-ish", "2025-03-01T08:00")]
    [InlineData("custom", "2025-01-01T00:00", "2025-03-01T00:00")]
    [InlineData("3y", null, null)]
    public void Unusable_ranges_fall_back_with_an_explanation(string range, string? from, string? to)
    {
        var parsed = TimeRange.Parse(range, from, to, Now);

        Assert.Equal("1h", parsed.Key);
        Assert.NotNull(parsed.Error);
    }
}
