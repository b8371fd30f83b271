using System.Text.RegularExpressions;
using Portal.Components.Ui;

namespace Portal.Tests.Components;

public class BadgeTests
{
    [Theory]
    [InlineData(Tone.Neutral, "class=\"badge\"")]
    [InlineData(Tone.Ok, "class=\"badge badge--ok\"")]
    [InlineData(Tone.Warn, "class=\"badge badge--warn\"")]
    [InlineData(Tone.Error, "class=\"badge badge--error\"")]
    [InlineData(Tone.Info, "class=\"badge badge--info\"")]
    public async Task Each_tone_has_its_class(Tone tone, string expectedClass)
    {
        var html = await ComponentRenderer.RenderAsync<Badge>(new Dictionary<string, object?>
        {
            [nameof(Badge.Text)] = "ERROR",
            [nameof(Badge.Tone)] = tone,
        });

        Assert.Contains(expectedClass, html);
        Assert.Equal("ERROR", Regex.Replace(html, "<[^>]+>", "").Trim());
    }

    [Fact]
    public async Task Outline_and_count_modifiers_combine()
    {
        var html = await ComponentRenderer.RenderAsync<Badge>(new Dictionary<string, object?>
        {
            [nameof(Badge.Text)] = "3",
            [nameof(Badge.Tone)] = Tone.Accent,
            [nameof(Badge.Outline)] = true,
            [nameof(Badge.Count)] = true,
        });

        Assert.Contains("class=\"badge badge--accent badge--outline badge--count\"", html);
    }
}
