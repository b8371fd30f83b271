using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using Portal.TrafficGen.Running;

namespace Portal.TrafficGen.Senders.Otlp;

/// <summary>The SDK's OTLP trace exporter, counting each export's outcome into the run's stats.</summary>
internal sealed class CountingTraceExporter(OtlpExporterOptions options, TrafficStats stats) : OtlpTraceExporter(options)
{
    public override ExportResult Export(in Batch<Activity> batch)
    {
        var result = base.Export(batch);
        if (result == ExportResult.Success) stats.Acknowledged((int)batch.Count);
        else stats.Failed((int)batch.Count, "OTLP trace export failed (see the OpenTelemetry-Exporter-OpenTelemetryProtocol event source)");
        return result;
    }
}
