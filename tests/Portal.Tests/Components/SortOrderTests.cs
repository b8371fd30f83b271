using Portal.Components.Ui;

namespace Portal.Tests.Components;

public class SortOrderTests
{
    private static readonly string[] Fields = ["start", "duration"];
    private static readonly SortOrder Fallback = new("start", Descending: true);

    [Theory]
    [InlineData("duration", "duration", false)]
    [InlineData("-duration", "duration", true)]
    [InlineData("-status", "start", true)]
    [InlineData(null, "start", true)]
    public void Parses_only_allowed_fields(string? text, string field, bool descending)
    {
        Assert.Equal(new SortOrder(field, descending), SortOrder.Parse(text, Fields, Fallback));
    }

    [Fact]
    public void Toggle_flips_the_current_field_and_starts_another()
    {
        var current = new SortOrder("duration", Descending: true);

        Assert.Equal("duration", current.Toggle("duration", descendingFirst: true).ToString());
        Assert.Equal("-start", current.Toggle("start", descendingFirst: true).ToString());
        Assert.Equal("start", current.Toggle("start", descendingFirst: false).ToString());
    }
}
