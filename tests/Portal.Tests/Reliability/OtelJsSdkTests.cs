using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Hosting;
using Portal.Queries;
using Portal.Testing;
using Portal.Tests.Ingest;
using Xunit.Abstractions;

namespace Portal.Tests.Reliability;

/// <summary>
/// A second real client: the OpenTelemetry JS SDK (otel-js/export.mjs, exact versions locked) exports a trace with a
/// failed span and two log records over OTLP/HTTP protobuf; the query API gives back every field it sent.
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class OtelJsSdkTests(ITestOutputHelper output)
{
    private static readonly string ScriptFolder = Path.Combine(ContentRootLocator.Locate(), "tests", "Portal.Tests", "Reliability", "otel-js");

    [Fact]
    public async Task A_trace_and_logs_exported_by_the_js_sdk_are_stored_field_by_field()
    {
        await EnsurePackagesAsync();
        var connectionString = await TestCluster.CreateDatabaseAsync("oteljs");
        await using var portal = await ReliabilityPortal.StartAsync(connectionString, PortalProcess.FreePort());

        var (code, stdout, stderr) = await RunAsync("node", ["export.mjs"], new() { ["PORTAL_URL"] = portal.Address.ToString().TrimEnd('/'), ["PORTAL_KEY"] = IngestHostFixture.Key });
        Assert.True(code == 0, $"node export.mjs exited with {code}: {stderr}");
        var sent = JsonDocument.Parse(stdout).RootElement;
        var sentSpans = sent.GetProperty("spans").EnumerateArray().ToList();
        var traceId = sentSpans[0].GetProperty("traceId").GetString()!;
        output.WriteLine($"The JS SDK sent trace {traceId}: {stdout}");
        if (stderr.Length > 0) output.WriteLine($"SDK diagnostics: {stderr}");

        using var client = ReliabilityPortal.Client(portal.Address, TimeSpan.FromSeconds(10), await ReliabilityPortal.SignInAsync(connectionString, portal.Address));
        var trace = await client.GetFromJsonAsync<TraceDto>($"/api/traces/{traceId}");
        Assert.NotNull(trace);
        Assert.Equal(2, trace.Spans.Count);
        foreach (var expected in sentSpans)
        {
            var span = Assert.Single(trace.Spans, s => s.SpanId == expected.GetProperty("spanId").GetString());
            Assert.Equal(traceId, span.TraceId);
            Assert.Equal(expected.GetProperty("parentSpanId").GetString(), span.ParentSpanId);
            Assert.Equal(expected.GetProperty("name").GetString(), span.Endpoint);
            Assert.Equal("checkout-js", span.Service);
            Assert.Equal("checkout-js-1", span.Instance);
            Assert.True(span.IsError);
            Assert.Equal(expected.GetProperty("statusMessage").GetString(), span.StatusMessage);
            var startNanos = ulong.Parse(expected.GetProperty("startUnixNanos").GetString()!);
            Assert.Equal(DateTime.UnixEpoch.AddTicks((long)(startNanos / 1_000 * 10)), span.StartTime);
            Assert.Equal(expected.GetProperty("durationMicros").GetInt64(), span.DurationMicros, tolerance: 1);
        }
        var root = trace.Spans.Single(s => s.ParentSpanId is null);
        var child = trace.Spans.Single(s => s.ParentSpanId is not null);
        Assert.Equal(("Server", "Client"), (root.Kind, child.Kind));
        Assert.Equal("checkout", root.Scenario);
        Assert.Equal(new Dictionary<string, object> { ["business.scenario"] = "checkout", ["cart.items"] = 3L, ["cart.total"] = 99.5 }, Attributes(root.Attributes));
        Assert.Equal(new Dictionary<string, object> { ["card.brand"] = "visa", ["retry"] = true }, Attributes(child.Attributes));
        Assert.Contains("\"declined\"", child.Events);
        Assert.Contains("insufficient_funds", child.Events);

        var logs = await client.GetFromJsonAsync<List<LogDto>>($"/api/traces/{traceId}/logs");
        Assert.NotNull(logs);
        Assert.Equal(2, logs.Count);
        foreach (var expected in sent.GetProperty("logs").EnumerateArray())
        {
            var line = Assert.Single(logs, l => l.Message == expected.GetProperty("message").GetString());
            Assert.Equal(expected.GetProperty("level").GetString(), line.Level);
            Assert.Equal(("checkout-js", "checkout-js-1"), (line.Service, line.Instance));
            Assert.Equal((traceId, child.SpanId), (line.TraceId, line.SpanId));
        }
        Assert.Equal(new Dictionary<string, object> { ["attempt"] = 1L }, Attributes(logs.Single(l => l.Level == "Warn").Attributes));
    }

    /// <summary>A span's or log line's attributes as plain values, to compare whole.</summary>
    private static Dictionary<string, object> Attributes(string? json) =>
        JsonDocument.Parse(json ?? "{}").RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
        {
            JsonValueKind.String => (object)p.Value.GetString()!,
            JsonValueKind.Number => p.Value.TryGetInt64(out var n) ? (object)n : p.Value.GetDouble(),
            JsonValueKind.True or JsonValueKind.False => p.Value.GetBoolean(),
            _ => p.Value.GetRawText(),
        });

    /// <summary>Installs the locked packages once (npm ci) when the folder has none yet.</summary>
    private static async Task EnsurePackagesAsync()
    {
        if (Directory.Exists(Path.Combine(ScriptFolder, "node_modules", "@opentelemetry", "sdk-trace-base"))) return;
        var (code, _, stderr) = await RunAsync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], []);
        Assert.True(code == 0, $"npm ci failed in {ScriptFolder}: {stderr}");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string program, string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = ScriptFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within 3 minutes.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
