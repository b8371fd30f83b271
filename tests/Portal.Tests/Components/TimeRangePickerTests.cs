using System.Net;
using Portal.Components.Ui;

namespace Portal.Tests.Components;

public class TimeRangePickerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Task<string> Render(TimeRange range, string url, bool showLive = true) =>
        ComponentRenderer.RenderAsync<TimeRangePicker>(new Dictionary<string, object?>
        {
            [nameof(TimeRangePicker.Value)] = range,
            [nameof(TimeRangePicker.ShowLive)] = showLive,
        }, url);

    [Fact]
    public async Task Preset_links_write_range_and_drop_from_to_and_page()
    {
        var range = TimeRange.Parse("custom", "2025-03-01T08:00", "2025-03-01T09:00", Now);
        var html = await Render(range, "http://localhost/traces?service=pay&range=custom&from=2025-03-01T08:00&to=2025-03-01T09:00&page=4");

        Assert.Contains("href=\"/traces?service=pay&amp;range=24h\"", html);
        Assert.Contains("href=\"/traces?service=pay&amp;range=live\"", html);
        Assert.Contains("2025-03-01 08:00 – 2025-03-01 09:00 UTC", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task Custom_form_carries_the_other_filters_and_the_current_bounds()
    {
        var range = TimeRange.Parse("1h", null, null, Now);
        var html = await Render(range, "http://localhost/logs?q=timeout&range=1h&page=2");

        Assert.Contains("<form class=\"range-picker__form\" method=\"get\" action=\"/logs\"", html);
        Assert.Contains("name=\"q\" value=\"timeout\"", html);
        Assert.DoesNotContain("name=\"page\"", html);
        Assert.Contains("name=\"range\" value=\"custom\"", html);
        Assert.Contains("name=\"from\" required value=\"2025-03-01T11:00:00\"", html);
        Assert.Contains("name=\"to\" required value=\"2025-03-01T12:00:00\"", html);
        Assert.Contains("href=\"/logs?q=timeout&amp;range=1h\" aria-current=\"page\"", html);
    }

    [Fact]
    public async Task Live_can_be_left_out()
    {
        var html = await Render(TimeRange.Parse(null, null, null, Now), "http://localhost/traces", showLive: false);

        Assert.DoesNotContain("range=live", html);
        Assert.Contains("range=7d", html);
    }
}
