using System.Net.Http.Json;

namespace Portal.BrowserTests;

/// <summary>Telemetry is shown as text everywhere: markup in a service name, an endpoint, attributes, a log line or an event runs nowhere.</summary>
public sealed class HostileTextTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Payload = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=1</script>";

    [Fact]
    public async Task Markup_in_telemetry_shows_as_characters_on_every_page()
    {
        var service = $"evil-{Guid.NewGuid():N}"[..12];
        var traceId = Guid.NewGuid().ToString("N");
        var start = DateTime.UtcNow.AddSeconds(-30);
        using var client = fixture.CreateIngestClient();
        (await client.PostAsJsonAsync("/api/ingest/calls", new
        {
            records = new[]
            {
                new
                {
                    traceId, spanId = Guid.NewGuid().ToString("N")[..16], service, @interface = Payload, instance = $"{service}-1",
                    startTime = start.ToString("O"), durationMs = 12, success = false, resultCode = "E1", message = Payload,
                    scenario = "xss", attributes = new Dictionary<string, string> { ["note"] = Payload },
                },
            },
        })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/ingest/logs", new
        {
            logs = new[] { new { time = start.ToString("O"), service, instance = $"{service}-1", level = "error", message = Payload, traceId } },
        })).EnsureSuccessStatusCode();
        using var events = new StringContent(System.Text.Json.JsonSerializer.Serialize(new
        {
            specversion = "1.0", id = Guid.NewGuid().ToString(), source = "/xss", type = "NodeDown", subject = Payload, time = start.ToString("O"),
        }), System.Text.Encoding.UTF8, "application/cloudevents+json");
        (await client.PostAsync("/api/ingest/events", events)).EnsureSuccessStatusCode();

        var page = await fixture.SignedInPageAsync();
        var from = start.AddMinutes(-2).ToString("yyyy-MM-ddTHH:mm:ss");
        var to = start.AddMinutes(2).ToString("yyyy-MM-ddTHH:mm:ss");
        var pages = new[]
        {
            $"/traces?service={service}&from={from}Z&to={to}Z", $"/traces/{traceId}", $"/logs?traceId={traceId}&range=1h",
            "/events?range=1h", $"/services/{service}?range=1h", "/?range=1h", "/services?range=1h",
        };
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
            Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"), $"script ran on {path}");
            Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
        }
        await page.GotoAsync($"/logs?traceId={traceId}&range=1h");
        Assert.Contains("<script>window.__xss=1</script>", await page.Locator("table[data-log-lines]").InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "hostile-text-logs");
    }
}
