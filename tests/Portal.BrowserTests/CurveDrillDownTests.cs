using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.BrowserTests;

/// <summary>The top of the journey: live gauges that move with new traffic, and a click on a curve point that lists exactly that interval's transactions.</summary>
public sealed class CurveDrillDownTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private readonly string service = $"svc-{Guid.NewGuid():N}"[..14];

    private static object Call(string service, DateTime start, string? traceId = null) => new
    {
        traceId = traceId ?? Guid.NewGuid().ToString("N"), spanId = Guid.NewGuid().ToString("N")[..16], service, @interface = "transfer",
        instance = $"{service}-1", startTime = start.ToString("O"), durationMs = 20, success = true, scenario = "transfer",
    };

    private async Task SendAsync(params object[] records)
    {
        using var client = fixture.CreateIngestClient();
        (await client.PostAsJsonAsync("/api/ingest/calls", new { records })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_overview_gauge_moves_when_new_traffic_arrives()
    {
        await SendAsync(Enumerable.Range(0, 20).Select(i => Call(service, DateTime.UtcNow.AddSeconds(-40 + i))).ToArray());
        var page = await fixture.SignedInPageAsync();
        var gauge = page.Locator("[data-chart='gauge'][data-live-series='throughput']");
        for (var attempt = 0; attempt < 30 && await gauge.CountAsync() == 0; attempt++)
        {
            await Task.Delay(1000);
            await page.GotoAsync("/");
        }
        Assert.Equal(1, await gauge.CountAsync());
        Assert.Null(await gauge.GetAttributeAsync("data-live-value"));

        // A busy instance: fresh records every 200 ms keep its watermark moving, so windows close and are pushed live.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(25));
        var traffic = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await SendAsync(Call(service, DateTime.UtcNow), Call(service, DateTime.UtcNow));
                await Task.Delay(200);
            }
        });
        await page.Locator("[data-chart='gauge'][data-live-series='throughput'][data-live-value]").WaitForAsync(new() { Timeout = 20_000 });
        var value = double.Parse(await gauge.GetAttributeAsync("data-live-value") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(value > 0, $"live throughput {value}");
        await BrowserFixture.ScreenshotAsync(page, "overview-live");
        await stop.CancelAsync();
        await traffic;
    }

    [Fact]
    public async Task A_click_on_a_curve_point_lists_exactly_the_transactions_of_that_second()
    {
        var second = DateTime.UtcNow.AddMinutes(-2);
        second = new DateTime(second.Ticks - second.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        var inside = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        await SendAsync(inside.Select((id, i) => Call(service, second.AddMilliseconds(100 + i * 200), id))
            .Concat([Call(service, second.AddMilliseconds(-300)), Call(service, second.AddMilliseconds(1300))]).ToArray());

        var from = second.AddSeconds(-20);
        var to = second.AddSeconds(20);
        var page = await fixture.SignedInPageAsync();
        await WaitForCurveAsync(page, from, to, expected: 6);
        await page.GotoAsync($"/services/{service}?range=custom&from={from:yyyy-MM-ddTHH:mm:ss}&to={to:yyyy-MM-ddTHH:mm:ss}");
        // Drawn once the page is interactive: the chart component attaches charts.js after its render.
        var curve = page.Locator("[data-chart='timeseries'][data-live-series='throughput'][data-chart-ready]");
        await curve.WaitForAsync();
        var point = await page.EvaluateAsync<JsonElement>("""
            async t => {
              const { chartOf } = await import('/js/charts.js');
              const el = document.querySelector("[data-chart='timeseries'][data-live-series='throughput']");
              const chart = chartOf(el);
              // Half the point's height: the point itself (4, the axis maximum) lies on the grid's top edge, where a
              // sub-pixel offset puts the click outside the plot.
              const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [t, 2]);
              const box = el.getBoundingClientRect();
              return { x: box.left + x, y: box.top + y };
            }
            """, new DateTimeOffset(second).ToUnixTimeMilliseconds());
        await page.Mouse.ClickAsync(point.GetProperty("x").GetSingle(), point.GetProperty("y").GetSingle());
        await fixture.WaitForUrlAsync(page, url => url.Contains("/traces?"), "the click on the curve to open its transactions");
        // An in-app navigation: the URL changes first, the transactions arrive with the page's render.
        await page.Locator("table[data-transactions]").WaitForAsync();

        var listed = await page.Locator("table[data-transactions] a[data-trace-link]").AllInnerTextsAsync();
        Assert.Equal(inside.Order(), listed.Select(t => t.Trim()).Order());
        await BrowserFixture.ScreenshotAsync(page, "curve-point-transactions");
    }

    private async Task WaitForCurveAsync(Microsoft.Playwright.IPage page, DateTime from, DateTime to, long expected)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var response = await page.APIRequest.GetAsync($"/api/series?scope=service&key={service}&from={from:O}&to={to:O}");
            var series = JsonDocument.Parse(await response.TextAsync()).RootElement;
            if (series.GetProperty("total").GetProperty("count").GetInt64() == expected) return;
            await Task.Delay(500);
        }
        throw new TimeoutException("The curve did not show the sent records.");
    }
}
