using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Security = Portal.Security;

namespace Portal.BrowserTests;

/// <summary>
/// An inferred topology from call records to a team lead's dashboard: an admin runs the inference, reviews the pending
/// version next to (nothing) published and confirms it; the lead's scenario page then draws it with live figures.
/// </summary>
public sealed class ScenarioTopologyBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private readonly string scenario = $"PAY-{Guid.NewGuid():N}"[..12].ToUpperInvariant();

    /// <summary>Ten transactions of the last minute and a half: too few to publish without an admin.</summary>
    private async Task IngestAsync()
    {
        using var client = fixture.CreateIngestClient();
        var records = new List<object>();
        var start = DateTime.UtcNow.AddSeconds(-90);
        for (var i = 0; i < 10; i++)
        {
            var traceId = Guid.NewGuid().ToString("N");
            var at = start.AddSeconds(i * 8);
            string Id() => Guid.NewGuid().ToString("N")[..16];
            var (root, pay) = (Id(), Id());
            object Call(string span, string? parent, string service, string op, double offsetMs, double ms, string? code = null) => new
            {
                traceId, spanId = span, parentSpanId = parent, service, @interface = op, instance = $"{service}-1",
                startTime = at.AddMilliseconds(offsetMs).ToString("O"), durationMs = ms, success = true, resultCode = "0000", scenario = code,
            };
            records.Add(Call(root, null, "mobile-gw", "POST /pay", 0, 60, scenario));
            records.Add(Call(pay, root, "payments", "pay", 3, 45));
            records.Add(Call(Id(), pay, "accounts", "debit", 6, 12));
            records.Add(Call(Id(), pay, "clearing", "submit", 20, 18));
        }
        var response = await client.PostAsync("/api/ingest/calls",
            new StringContent(JsonSerializer.Serialize(new { records }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_confirms_a_pending_topology_and_a_lead_sees_it_flow()
    {
        await IngestAsync();
        var admin = await fixture.SignedInPageAsync(Security.PortalRoles.Admin);
        var scriptErrors = new List<string>();
        admin.PageError += (_, error) => scriptErrors.Add(error);

        await admin.GotoAsync("/topology/review");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Infer now" }).ClickAsync();
        var row = admin.Locator($"table[data-review-queue] tr:has-text('{scenario}')");
        await row.WaitForAsync();
        await BrowserFixture.ScreenshotAsync(admin, "topology-review-queue");

        await row.Locator("a").First.ClickAsync();
        var proposed = admin.Locator("[data-review-side='proposed'][data-graph-ready]");
        await proposed.WaitForAsync();
        Assert.Equal("4", await proposed.GetAttributeAsync("data-node-count"));
        Assert.Equal(3, await admin.Locator("table[data-review-edges] tbody tr:has([data-example-trace])").CountAsync());
        Assert.True(int.Parse(await admin.Locator("[data-nav-count='topology-review']").InnerTextAsync()) >= 1);
        await BrowserFixture.ScreenshotAsync(admin, "topology-review-pending");

        await admin.Locator("button[data-confirm]").ClickAsync();
        await admin.Locator(".review-status[data-status='Published']").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(admin, "topology-review-confirmed");

        // From the static review page to the interactive dashboard: the page becomes interactive and draws its graph.
        await admin.Locator("a:has-text('Scenario dashboard')").ClickAsync();
        await admin.Locator("body[data-render='interactive'] .shell[data-interactive]").WaitForAsync();
        await admin.Locator("[data-scenario-graph='link'][data-graph-ready]").WaitForAsync();
        Assert.Empty(scriptErrors);

        var lead = await fixture.SignedInPageAsync(Security.PortalRoles.Lead);
        lead.PageError += (_, error) => scriptErrors.Add(error);
        await lead.GotoAsync("/scenarios");
        var listed = lead.Locator($"tr[data-scenario='{scenario}']");
        Assert.Contains("version 1", await listed.InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(lead, "scenarios");

        await listed.Locator("a").First.ClickAsync();
        var link = lead.Locator("[data-scenario-graph='link'][data-graph-ready]");
        await link.WaitForAsync();
        Assert.Equal("4", await link.GetAttributeAsync("data-node-count"));
        Assert.Equal("3", await link.GetAttributeAsync("data-edge-count"));
        await lead.Locator("[data-scenario-graph='link'][data-flow-updates]").WaitForAsync();
        var call = lead.Locator("[data-scenario-graph='call'][data-graph-ready]");
        await call.WaitForAsync();
        Assert.Equal("4", await call.GetAttributeAsync("data-node-count"));
        var rootRow = lead.Locator("table[data-scenario-nodes] tr[data-node='mobile-gw POST /pay']");
        Assert.Contains("10", await rootRow.InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(lead, "scenario-dashboard");
        await call.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(lead, "scenario-call-graph");

        await lead.Locator("table[data-scenario-nodes] a:has-text('accounts')").ClickAsync();
        await fixture.WaitForUrlAsync(lead, url => url.Contains("/services/accounts?endpoint=debit"), "the node click to open its service page");
        Assert.Empty(scriptErrors);
    }
}
