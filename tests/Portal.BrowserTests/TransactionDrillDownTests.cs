using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Portal.BrowserTests;

/// <summary>
/// The seed's "macro to micro" path in a real browser: the transactions of an interval, one failed transaction's call chain
/// with the failing node red and its error on hover, the trace's logs, and the context around a hit. Walked twice: on
/// records of the platform SDK's native format, and on what the real OpenTelemetry .NET SDK exports over OTLP.
/// </summary>
public sealed class TransactionDrillDownTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Xss = "<script>window.__xss=1</script>";

    private string traceId = Guid.NewGuid().ToString("N");
    private string rootSpan = Guid.NewGuid().ToString("N")[..16];
    private readonly string serviceSpan = Guid.NewGuid().ToString("N")[..16];
    private string ledgerSpan = Guid.NewGuid().ToString("N")[..16];
    private readonly string ledger = $"ledger-{Guid.NewGuid():N}"[..15];
    private readonly DateTime start = DateTime.UtcNow.AddMinutes(-3);

    private async Task IngestNativeAsync()
    {
        using var client = fixture.CreateIngestClient();
        object Call(string span, string? parent, string service, string op, double offsetMs, double ms, bool ok, object? attributes = null) => new
        {
            traceId, spanId = span, parentSpanId = parent, service, @interface = op, instance = $"{service}-1",
            startTime = start.AddMilliseconds(offsetMs).ToString("O"), durationMs = ms, success = ok,
            resultCode = ok ? "0000" : "E1042", message = ok ? null : "insufficient funds", attributes,
        };
        var calls = new
        {
            records = new[]
            {
                Call(rootSpan, null, "gateway", "POST /transfer", 0, 300, false, new { note = Xss }),
                Call(serviceSpan, rootSpan, "transfer", "transfer", 5, 250, false),
                Call(ledgerSpan, serviceSpan, ledger, "credit", 20, 100, false),
            },
        };
        object Log(double offsetMs, string message, string level, bool linked) => new
        {
            time = start.AddMilliseconds(offsetMs).ToString("O"), service = ledger, instance = $"{ledger}-1", level, message,
            traceId = linked ? traceId : null, spanId = linked ? ledgerSpan : null,
        };
        var logs = new
        {
            logs = new[]
            {
                Log(10, "warming ledger cache", "info", false),
                Log(25, "credit requested for account 42", "info", true),
                Log(60, "credit failed: insufficient funds", "error", true),
                Log(90, "ledger cache flushed", "info", false),
            },
        };
        foreach (var (path, body) in new[] { ("/api/ingest/calls", (object)calls), ("/api/ingest/logs", logs) })
        {
            var response = await client.PostAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>The same transaction and log lines through the OpenTelemetry SDK: one tracer provider per service, as three processes would have.</summary>
    private void ExportWithOpenTelemetry()
    {
        var providers = new List<TracerProvider>();
        ActivitySource Source(string service)
        {
            var name = $"browser-tests.{service}";
            providers.Add(Sdk.CreateTracerProviderBuilder()
                .AddSource(name)
                .SetSampler(new AlwaysOnSampler())
                .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(service, serviceInstanceId: $"{service}-1"))
                .AddOtlpExporter(o => Configure(o, "/v1/traces"))
                .Build());
            return new ActivitySource(name);
        }
        using var gatewaySource = Source("gateway");
        using var transferSource = Source("transfer");
        using var ledgerSource = Source(ledger);
        using var loggers = LoggerFactory.Create(b => b.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(ledger, serviceInstanceId: $"{ledger}-1"));
            o.IncludeFormattedMessage = true;
            o.AddOtlpExporter(e => Configure(e, "/v1/logs"));
        }));
        var log = loggers.CreateLogger("ledger");

        log.LogInformation("warming ledger cache");
        var root = gatewaySource.StartActivity("POST /transfer", ActivityKind.Server, default(ActivityContext), startTime: start)!;
        root.SetTag("note", Xss);
        var transfer = transferSource.StartActivity("transfer", ActivityKind.Server, root.Context, startTime: start.AddMilliseconds(5))!;
        var credit = ledgerSource.StartActivity("credit", ActivityKind.Server, transfer.Context, startTime: start.AddMilliseconds(20))!;
        log.LogInformation("credit requested for account {Account}", 42);
        log.LogError("credit failed: insufficient funds");
        foreach (var (activity, ms) in new[] { (credit, 100), (transfer, 250), (root, 300) })
        {
            activity.SetStatus(ActivityStatusCode.Error, "insufficient funds");
            activity.SetEndTime(activity.StartTimeUtc.AddMilliseconds(ms));
            activity.Dispose();
        }
        log.LogInformation("ledger cache flushed");

        (traceId, rootSpan, ledgerSpan) = (root.TraceId.ToHexString(), root.SpanId.ToHexString(), credit.SpanId.ToHexString());
        foreach (var provider in providers)
        {
            Assert.True(provider.ForceFlush(10_000), "the OTLP trace exporter did not flush");
            provider.Dispose();
        }
    }

    private void Configure(OtlpExporterOptions o, string path)
    {
        o.Protocol = OtlpExportProtocol.HttpProtobuf;
        o.Endpoint = new Uri(fixture.Portal.Address, path);
        o.Headers = $"X-Api-Key={BrowserFixture.IngestKey}";
        o.ExportProcessorType = ExportProcessorType.Simple;
    }

    [Fact]
    public async Task From_the_transactions_of_an_interval_to_the_failed_node_and_its_log_context()
    {
        await IngestNativeAsync();
        await WalkFromTransactionsToLogContextAsync("");
    }

    [Fact]
    public async Task The_same_journey_on_what_the_OpenTelemetry_SDK_exported()
    {
        ExportWithOpenTelemetry();
        await WalkFromTransactionsToLogContextAsync("otlp-");
    }

    private async Task WalkFromTransactionsToLogContextAsync(string screenshotPrefix)
    {
        var page = await fixture.SignedInPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        var from = start.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var to = start.AddMinutes(1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        await page.GotoAsync($"/traces?service={ledger}&from={from}&to={to}");
        var link = page.Locator($"a[data-trace-link]:has-text('{traceId}')");
        Assert.Equal(1, await link.CountAsync());
        Assert.Equal(1, await page.Locator("table[data-transactions] tbody tr").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, screenshotPrefix + "transactions");

        await link.ClickAsync();
        await fixture.WaitForUrlAsync(page, url => url.Contains($"/traces/{traceId}"), "the trace view");
        var graph = page.Locator("[data-graph]");
        await graph.And(page.Locator("[data-graph-ready]")).WaitForAsync();
        Assert.Equal("3", await graph.GetAttributeAsync("data-error-nodes"));

        var tip = await HoverNodeAsync(page, ledgerSpan);
        Assert.Contains("insufficient funds", tip);
        Assert.Contains($"{ledger}-1", tip);
        await BrowserFixture.ScreenshotAsync(page, screenshotPrefix + "trace-failed-node");

        await page.GotoAsync($"/traces/{traceId}?span={rootSpan}");
        await page.Locator("[data-graph-ready]").WaitForAsync();
        Assert.Contains(Xss, await page.Locator("[data-span-attributes]").InnerTextAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"));
        Assert.Equal(3, await page.Locator(".wf__row[data-error]").CountAsync());

        await page.Locator("a[data-logs-of-trace]").ClickAsync();
        await fixture.WaitForUrlAsync(page, url => url.Contains("/logs?"), "the log search");
        await page.Locator("table[data-log-lines]").WaitForAsync();
        var lines = page.Locator("table[data-log-lines] tbody tr");
        Assert.Equal(2, await lines.CountAsync());
        await BrowserFixture.ScreenshotAsync(page, screenshotPrefix + "logs-of-trace");

        await page.Locator("tr:has-text('insufficient funds') a[data-log-context]").ClickAsync();
        await fixture.WaitForUrlAsync(page, url => url.Contains("/logs/context"), "the log context");
        await page.Locator("table[data-context-lines]").WaitForAsync();
        var rows = page.Locator("table[data-context-lines] tbody tr");
        Assert.Equal(4, await rows.CountAsync());
        Assert.Contains("insufficient funds", await page.Locator("tr[aria-current='true']").InnerTextAsync());
        Assert.Contains("warming ledger cache", await rows.First.InnerTextAsync());
        Assert.Contains("ledger cache flushed", await rows.Last.InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, screenshotPrefix + "log-context");

        await page.GotoAsync($"/logs?q={Uri.EscapeDataString("insufficient fund*")}&instance={ledger}-1&range=1h");
        Assert.Equal("insufficient funds", await page.Locator("table[data-log-lines] mark").First.InnerTextAsync());
        Assert.Empty(scriptErrors);
    }

    /// <summary>Moves the mouse onto a graph node (located through graph.js's Cytoscape instance) and returns the tooltip's text.</summary>
    private static async Task<string> HoverNodeAsync(IPage page, string nodeId)
    {
        var point = await page.EvaluateAsync<JsonElement>("""
            async id => {
              const { graphOf } = await import('/js/graph.js');
              const el = document.querySelector('[data-graph]');
              const node = graphOf(el).getElementById(id);
              const box = el.getBoundingClientRect();
              const p = node.renderedPosition();
              return { x: box.left + p.x, y: box.top + p.y };
            }
            """, nodeId);
        await page.Mouse.MoveAsync(point.GetProperty("x").GetSingle(), point.GetProperty("y").GetSingle());
        var tip = page.Locator(".float-tip");
        await tip.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        return await tip.InnerTextAsync();
    }
}
