using Portal.Core.Otlp.Proto.Collector.Logs.V1;
using Portal.Core.Otlp.Proto.Collector.Trace.V1;
using Portal.Core.Records;

namespace Portal.Core.Ingest.Otlp;

/// <summary>
/// OTLP export responses for a decoded request: empty when everything was accepted, else a partial success with the
/// number of rejected items and the first rejection messages (the OTLP spec's partial-success contract).
/// </summary>
public static class OtlpResponses
{
    public static ExportTraceServiceResponse ForTraces(DecodeResult<SpanRecord> result) =>
        result.RejectedCount == 0
            ? new()
            : new() { PartialSuccess = new() { RejectedSpans = result.RejectedCount, ErrorMessage = result.Summary() } };

    public static ExportLogsServiceResponse ForLogs(DecodeResult<LogRecord> result) =>
        result.RejectedCount == 0
            ? new()
            : new() { PartialSuccess = new() { RejectedLogRecords = result.RejectedCount, ErrorMessage = result.Summary() } };
}
