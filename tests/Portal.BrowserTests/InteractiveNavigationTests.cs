using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Portal.BrowserTests;

/// <summary>
/// The pages are interactive: pager and sort links change the table and the URL in place, without loading a page (no
/// document or fetch request for it, and the window keeps a marker set before the click); the URL still holds the state,
/// so Back returns to it; and a chart is drawn after an in-app navigation.
/// </summary>
public sealed class InteractiveNavigationTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private readonly string service = $"nav-{Guid.NewGuid():N}"[..12];

    /// <summary>60 transactions of one service, the i-th taking i milliseconds: two pages of the traces list.</summary>
    private async Task<List<string>> IngestAsync()
    {
        var start = DateTime.UtcNow.AddMinutes(-2);
        var ids = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var records = ids.Select((traceId, i) => new
        {
            traceId, spanId = Guid.NewGuid().ToString("N")[..16], service, @interface = "pay", instance = $"{service}-1",
            startTime = start.AddMilliseconds(i * 500).ToString("O"), durationMs = i + 1, success = true,
        }).ToArray();
        using var client = fixture.CreateIngestClient();
        (await client.PostAsJsonAsync("/api/ingest/calls", new { records })).EnsureSuccessStatusCode();
        return ids;
    }

    [Fact]
    public async Task Pager_and_sort_links_change_the_table_and_the_url_without_loading_a_page()
    {
        var ids = await IngestAsync();
        var page = await fixture.SignedInPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.GotoAsync($"/traces?service={service}&range=1h");
        await page.Locator(".shell[data-interactive]").WaitForAsync();
        await page.Locator("table[data-transactions='50']").WaitForAsync();

        var pageLoads = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.ResourceType is "document" or "fetch" && request.Url.Contains("/traces")) pageLoads.Add(request.Url);
        };
        await page.EvaluateAsync("() => { window.__marker = 1; }");

        await page.Locator(".pager a[rel='next']").ClickAsync();
        await fixture.WaitForUrlAsync(page, url => url.Contains("page=2"), "the pager link to page 2");
        await page.Locator("table[data-transactions='10']").WaitForAsync();
        Assert.Contains("Rows 51–60 of 60", await page.Locator(".pager__summary").InnerTextAsync());

        await page.Locator("th a.sort-th__link:has-text('Duration')").ClickAsync();
        await fixture.WaitForUrlAsync(page, url => url.Contains("sort=") && !url.Contains("page=2"), "the sort link (back to page 1)");
        await page.Locator("table[data-transactions='50']").WaitForAsync();
        // Longest first: the last transaction sent took 60 ms.
        await page.Locator("table[data-transactions] a[data-trace-link]").First.Filter(new() { HasText = ids[^1] }).WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "traces-sorted-in-place");

        await page.GoBackAsync();
        await fixture.WaitForUrlAsync(page, url => url.Contains("page=2") && !url.Contains("sort="), "Back to page 2");
        await page.Locator("table[data-transactions='10']").WaitForAsync();

        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__marker"));
        Assert.Empty(pageLoads);
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task A_curve_is_drawn_after_an_in_app_navigation()
    {
        await IngestAsync();
        var page = await fixture.SignedInPageAsync();
        await WaitForSeriesAsync(page, expected: 60);
        await page.GotoAsync("/traces");
        await page.Locator(".shell[data-interactive]").WaitForAsync();
        await page.EvaluateAsync("() => { window.__marker = 1; }");

        await page.Locator("nav a[href='services'], nav a[href='/services']").First.ClickAsync();
        await fixture.WaitForUrlAsync(page, url => new Uri(url).AbsolutePath == "/services", "the services page");
        await page.Locator($"table.services-table a:has-text('{service}')").ClickAsync();
        await fixture.WaitForUrlAsync(page, url => new Uri(url).AbsolutePath == $"/services/{service}", "the service's page");

        var curve = page.Locator("[data-chart='timeseries'][data-live-series='throughput'][data-chart-ready]");
        await curve.WaitForAsync();
        Assert.Equal(1, await curve.Locator("canvas").CountAsync());
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__marker"));
        await BrowserFixture.ScreenshotAsync(page, "service-curves-after-navigation");
    }

    /// <summary>The services list reads the stored windows: wait until they hold every sent call.</summary>
    private async Task WaitForSeriesAsync(IPage page, long expected)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var response = await page.APIRequest.GetAsync($"/api/series?scope=service&key={service}&range=1h");
            var series = System.Text.Json.JsonDocument.Parse(await response.TextAsync()).RootElement;
            if (series.GetProperty("total").GetProperty("count").GetInt64() == expected) return;
            await Task.Delay(500);
        }
        throw new TimeoutException("The service's series did not show the sent calls.");
    }
}
