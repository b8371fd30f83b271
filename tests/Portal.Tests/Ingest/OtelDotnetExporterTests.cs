using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Portal.Queries;

namespace Portal.Tests.Ingest;

/// <summary>The real OpenTelemetry .NET SDK exports to the portal; the query API gives back every field.</summary>
public sealed class OtelDotnetExporterTests(IngestHostFixture host) : IClassFixture<IngestHostFixture>
{
    [Theory]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    [InlineData(OtlpExportProtocol.Grpc)]
    public async Task Spans_exported_are_stored_field_by_field(OtlpExportProtocol protocol)
    {
        var sourceName = $"tests.{Guid.NewGuid():N}";
        using var source = new ActivitySource(sourceName);
        using (var tracer = Sdk.CreateTracerProviderBuilder()
                   .AddSource(sourceName)
                   .SetSampler(new AlwaysOnSampler())
                   .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("payments", serviceInstanceId: "payments-7f9c"))
                   .AddOtlpExporter(o => Configure(o, protocol, "/v1/traces"))
                   .Build())
        {
            using (var root = source.StartActivity("POST /transfer", ActivityKind.Server)!)
            {
                _lastTraceId = root.TraceId.ToHexString();
                _rootStart = root.StartTimeUtc;
                root.SetTag("business.scenario", "transfer");
                root.SetTag("amount", 125.5);
                root.SetTag("http.response.status_code", 500);
                using (var child = source.StartActivity("debit account", ActivityKind.Client)!)
                {
                    child.SetTag("account", "<script>alert(1)</script>");
                    child.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["attempt"] = 2 }));
                    child.SetStatus(ActivityStatusCode.Error, "insufficient funds");
                }
                root.SetStatus(ActivityStatusCode.Error, "debit failed");
            }
            tracer.ForceFlush();
        }

        var trace = await ReadTraceAsync(LastTraceId);
        Assert.Equal(2, trace.Spans.Count);
        var rootSpan = trace.Spans.Single(s => s.ParentSpanId is null);
        var childSpan = trace.Spans.Single(s => s.ParentSpanId is not null);

        Assert.Equal("payments", rootSpan.Service);
        Assert.Equal("payments-7f9c", rootSpan.Instance);
        Assert.Equal("POST /transfer", rootSpan.Endpoint);
        Assert.Equal("Server", rootSpan.Kind);
        Assert.Equal("transfer", rootSpan.Scenario);
        Assert.True(rootSpan.IsError);
        Assert.Equal("debit failed", rootSpan.StatusMessage);
        Assert.Equal(125.5, JsonDocument.Parse(rootSpan.Attributes!).RootElement.GetProperty("amount").GetDouble());
        Assert.Equal(_rootStart, rootSpan.StartTime, TimeSpan.FromMilliseconds(1));

        Assert.Equal(rootSpan.SpanId, childSpan.ParentSpanId);
        Assert.Equal("debit account", childSpan.Endpoint);
        Assert.Equal("Client", childSpan.Kind);
        Assert.Equal("insufficient funds", childSpan.StatusMessage);
        Assert.Contains("<script>alert(1)</script>", childSpan.Attributes);
        Assert.Contains("retry", childSpan.Events);
        Assert.True(childSpan.DurationMicros <= rootSpan.DurationMicros);
    }

    [Theory]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    [InlineData(OtlpExportProtocol.Grpc)]
    public async Task Logs_exported_with_trace_context_are_found_by_trace(OtlpExportProtocol protocol)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spanId = ActivitySpanId.CreateRandom();
        using (var loggerFactory = LoggerFactory.Create(b => b.AddOpenTelemetry(o =>
               {
                   o.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("accounts", serviceInstanceId: "accounts-1"));
                   o.IncludeFormattedMessage = true;
                   o.AddOtlpExporter(e => Configure(e, protocol, "/v1/logs"));
               })))
        {
            var logger = loggerFactory.CreateLogger("tests");
            using (var activity = new Activity("ctx").SetParentId(traceId, spanId, ActivityTraceFlags.Recorded).Start())
            {
                logger.LogWarning("Balance low for account {Account}", "ACC-42");
                logger.LogError("Debit refused: {Reason}", "insufficient funds");
            }
        }

        using var client = host.CreateClient();
        var logs = await client.GetFromJsonAsync<List<LogDto>>($"/api/traces/{traceId.ToHexString()}/logs");
        Assert.NotNull(logs);
        Assert.Equal(2, logs.Count);
        Assert.All(logs, l => Assert.Equal("accounts", l.Service));
        Assert.All(logs, l => Assert.Equal("accounts-1", l.Instance));
        Assert.Contains(logs, l => l.Level == "Warn" && l.Message.Contains("ACC-42"));
        Assert.Contains(logs, l => l.Level == "Error" && l.Message.Contains("insufficient funds"));
    }

    private string LastTraceId => _lastTraceId ?? throw new InvalidOperationException("No trace recorded.");
    private string? _lastTraceId;
    private DateTime _rootStart;

    private void Configure(OtlpExporterOptions o, OtlpExportProtocol protocol, string path)
    {
        o.Protocol = protocol;
        o.Endpoint = protocol == OtlpExportProtocol.Grpc ? new Uri($"http://127.0.0.1:{host.GrpcPort}") : new Uri(host.BaseAddress, path);
        o.Headers = $"X-Api-Key={IngestHostFixture.Key}";
        o.ExportProcessorType = ExportProcessorType.Batch;
    }

    private async Task<TraceDto> ReadTraceAsync(string traceId)
    {
        using var client = host.CreateClient();
        return (await client.GetFromJsonAsync<TraceDto>($"/api/traces/{traceId}"))!;
    }
}
