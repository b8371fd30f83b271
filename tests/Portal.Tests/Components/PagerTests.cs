using System.Net;
using System.Text.RegularExpressions;
using Portal.Components.Ui;

namespace Portal.Tests.Components;

public class PagerTests
{
    private static Task<string> Render(int page, long? total, bool hasMore = false, string url = "http://localhost/traces?service=pay&page=3") =>
        ComponentRenderer.RenderAsync<Pager>(new Dictionary<string, object?>
        {
            [nameof(Pager.Page)] = page,
            [nameof(Pager.PageSize)] = 50,
            [nameof(Pager.TotalCount)] = total,
            [nameof(Pager.HasMore)] = hasMore,
        }, url);

    [Fact]
    public async Task Links_keep_other_parameters_and_page_one_drops_the_parameter()
    {
        var html = await Render(page: 3, total: 1234);

        Assert.Contains("href=\"/traces?service=pay&amp;page=4\" rel=\"next\"", html);
        Assert.Contains("href=\"/traces?service=pay&amp;page=2\" rel=\"prev\"", html);
        Assert.Contains("href=\"/traces?service=pay\" aria-label=\"Page 1\"", html);
        Assert.Matches(new Regex("aria-current=\"page\"[^>]*>3</a>"), html);
        Assert.Contains("Rows 101–150 of 1,234", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task Last_page_has_no_next_link()
    {
        var html = await Render(page: 25, total: 1234);

        Assert.DoesNotContain("rel=\"next\"", html);
        Assert.Contains("Rows 1,201–1,234 of 1,234", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task Without_a_total_has_more_offers_the_next_page()
    {
        var html = await Render(page: 1, total: null, hasMore: true, url: "http://localhost/logs?q=timeout");

        Assert.Contains("href=\"/logs?q=timeout&amp;page=2\" rel=\"next\"", html);
        Assert.Contains("Rows 1–50", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task A_single_page_renders_nothing()
    {
        Assert.Equal("", (await Render(page: 1, total: 20)).Trim());
    }

    [Theory]
    [InlineData(1, 1, new[] { 1 })]
    [InlineData(1, 10, new[] { 1, 2, 3, 0, 10 })]
    [InlineData(6, 25, new[] { 1, 0, 4, 5, 6, 7, 8, 0, 25 })]
    [InlineData(4, 25, new[] { 1, 2, 3, 4, 5, 6, 0, 25 })]
    public void Page_items_window_the_current_page(int current, int last, int[] expected)
    {
        // 0 stands for a gap ("…").
        Assert.Equal(expected, Pager.PageItems(current, last, window: 2).Select(p => p ?? 0));
    }
}
