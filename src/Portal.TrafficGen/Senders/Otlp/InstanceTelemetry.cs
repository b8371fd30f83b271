using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Portal.TrafficGen.Running;

namespace Portal.TrafficGen.Senders.Otlp;

/// <summary>
/// One simulated instance as the OpenTelemetry SDK sees a process: a resource (service.name, service.instance.id), a
/// tracer provider listening to the instance's own ActivitySource, and a logger factory, both exporting over OTLP.
/// </summary>
internal sealed class InstanceTelemetry : IDisposable
{
    private readonly TracerProvider _tracer;
    private readonly ILoggerFactory _loggers;

    public InstanceTelemetry(string service, string instance, SenderOptions options, TrafficStats stats)
    {
        var name = $"Portal.TrafficGen.{instance}";
        Source = new ActivitySource(name);
        var resource = ResourceBuilder.CreateEmpty().AddService(service, serviceInstanceId: instance, autoGenerateServiceInstanceId: false);
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(name)
            .SetSampler(new AlwaysOnSampler())
            .SetResourceBuilder(resource)
            .AddProcessor(new BatchActivityExportProcessor(new CountingTraceExporter(Exporter(options, "/v1/traces"), stats),
                MaxQueue, ScheduledDelayMs, (int)options.RequestTimeout.TotalMilliseconds, options.BatchSize))
            .Build();
        _loggers = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Trace)
            .AddOpenTelemetry(o =>
            {
                o.SetResourceBuilder(resource);
                o.IncludeFormattedMessage = true;
                o.ParseStateValues = true;
                // The stamp must run before the batch processor queues the record.
                o.AddProcessor(new LogStamp());
                // OtlpLogExporter is sealed, so log exports cannot be counted; the sender counts them as unconfirmed.
                o.AddProcessor(new BatchLogRecordExportProcessor(new OtlpLogExporter(Exporter(options, "/v1/logs")),
                    MaxQueue, ScheduledDelayMs, (int)options.RequestTimeout.TotalMilliseconds, options.BatchSize));
            }));
        Logger = _loggers.CreateLogger(service);
    }

    // Room for a few seconds of saturation per instance; the sender throttles itself well before the queues fill.
    private const int MaxQueue = 100_000;
    private const int ScheduledDelayMs = 200;

    public ActivitySource Source { get; }
    public ILogger Logger { get; }

    public void FlushSpans() => _tracer.ForceFlush();

    public void Dispose()
    {
        _tracer.Dispose();
        _loggers.Dispose();
        Source.Dispose();
    }

    private static OtlpExporterOptions Exporter(SenderOptions options, string path) => new()
    {
        Protocol = options.Format == TelemetryFormat.OtlpGrpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf,
        // Set in code, the endpoint is used as given: HTTP/protobuf needs the full signal path.
        Endpoint = options.Format == TelemetryFormat.OtlpGrpc ? options.GrpcUrl! : new Uri(options.BaseUrl, path),
        Headers = $"x-api-key={options.ApiKey}",
        TimeoutMilliseconds = (int)options.RequestTimeout.TotalMilliseconds,
    };
}
