using Portal.Core.Otlp.Proto.Collector.Logs.V1;
using Portal.Core.Otlp.Proto.Common.V1;
using Portal.Core.Records;
using OtlpLogRecord = Portal.Core.Otlp.Proto.Logs.V1.LogRecord;

namespace Portal.Core.Ingest.Otlp;

/// <summary>
/// Maps a parsed OTLP logs export (from protobuf or OTLP/JSON alike) to log records, one rejection per bad record.
/// Time is <c>timeUnixNano</c>, else <c>observedTimeUnixNano</c>. Level comes from the severity number, else from the
/// severity text, else Info. A string body is the message; any other body is written as JSON text. Trace and span ids
/// are optional: empty or all-zero ids (a log line written outside any span) mean "not linked".
/// </summary>
internal sealed class OtlpLogMapper
{
    private readonly DateTime _nowUtc;
    private readonly IngestLimits _limits;
    private readonly JsonScratch _json = new();

    private OtlpLogMapper(DateTime nowUtc, IngestLimits limits)
    {
        _nowUtc = nowUtc;
        _limits = limits;
    }

    public static DecodeResult<LogRecord> Map(ExportLogsServiceRequest request, DateTime nowUtc, IngestOptions options)
    {
        var total = 0;
        foreach (var resourceLogs in request.ResourceLogs)
            foreach (var scopeLogs in resourceLogs.ScopeLogs) total += scopeLogs.LogRecords.Count;
        if (total > options.Limits.MaxRecordsPerBatch)
            return DecodeResult<LogRecord>.Fatal($"payload has {total} log records; at most {options.Limits.MaxRecordsPerBatch} are accepted per request");

        var mapper = new OtlpLogMapper(nowUtc, options.Limits);
        var records = new List<LogRecord>(total);
        var rejections = new List<Rejection>();
        for (var r = 0; r < request.ResourceLogs.Count; r++)
        {
            var resourceLogs = request.ResourceLogs[r];
            var resource = OtlpResource.Read(resourceLogs.Resource, options, out var resourceError);
            if (resourceError is { } bad)
            {
                var count = 0;
                foreach (var scopeLogs in resourceLogs.ScopeLogs) count += scopeLogs.LogRecords.Count;
                if (count > 0) rejections.Add(new($"resourceLogs[{r}].resource.{bad.Field}", $"{bad.Reason}; all {count} log records of this resource rejected", count));
                continue;
            }
            for (var s = 0; s < resourceLogs.ScopeLogs.Count; s++)
            {
                var logs = resourceLogs.ScopeLogs[s].LogRecords;
                for (var i = 0; i < logs.Count; i++)
                {
                    if (mapper.MapLog(logs[i], resource, out var record) is { } error)
                        rejections.Add(new($"resourceLogs[{r}].scopeLogs[{s}].logRecords[{i}].{error.Field}", error.Reason));
                    else
                        records.Add(record!);
                }
            }
        }
        return new(records, rejections, null);
    }

    private FieldError? MapLog(OtlpLogRecord log, in OtlpResource resource, out LogRecord? record)
    {
        record = null;
        var useObserved = log.TimeUnixNano == 0;
        var nanos = useObserved ? log.ObservedTimeUnixNano : log.TimeUnixNano;
        if (nanos == 0) return new("timeUnixNano", "required (observedTimeUnixNano is not set either)");
        var time = Checks.FromUnixNanos(nanos);
        if (Checks.Time(time, _nowUtc, _limits) is { } timeError) return new(useObserved ? "observedTimeUnixNano" : "timeUnixNano", timeError);

        var severity = (int)log.SeverityNumber;
        if (severity is < 0 or > 24) return new("severityNumber", $"must be 0-24, got {severity}");
        var level = severity > 0 ? LogLevels.FromSeverityNumber(severity) : LogLevels.FromText(log.SeverityText) ?? LogLevel.Info;

        var hasTraceId = OptionalId(log.TraceId.Span, 16, "traceId", out var traceIdError);
        if (traceIdError is not null) return traceIdError;
        var hasSpanId = OptionalId(log.SpanId.Span, 8, "spanId", out var spanIdError);
        if (spanIdError is not null) return spanIdError;

        string message;
        if (log.Body?.ValueCase == AnyValue.ValueOneofCase.StringValue)
        {
            message = log.Body.StringValue;
        }
        else if (log.Body is null || log.Body.ValueCase == AnyValue.ValueOneofCase.None)
        {
            message = "";
        }
        else
        {
            if (OtlpAttributes.WriteValue(_json.Start(), log.Body, _limits) is { } bodyError) return new("body", bodyError);
            message = _json.Finish();
        }
        if (Checks.Length(message, _limits.MaxMessageLength) is { } messageError) return new("body", messageError);

        string? attributesJson = null;
        if (log.Attributes.Count > 0)
        {
            if (OtlpAttributes.WriteObject(_json.Start(), log.Attributes, _limits) is { } attributesError) return attributesError;
            attributesJson = _json.Finish();
        }

        record = new LogRecord
        {
            Time = time,
            Service = resource.Service,
            Instance = resource.Instance,
            Level = level,
            Message = message,
            TraceId = hasTraceId ? TraceId.FromBytes(log.TraceId.Span) : null,
            SpanId = hasSpanId ? SpanId.FromBytes(log.SpanId.Span) : null,
            AttributesJson = attributesJson,
        };
        return null;
    }

    /// <summary>True when the optional id is present and valid; false when absent or all zeros; error on a wrong length.</summary>
    private static bool OptionalId(ReadOnlySpan<byte> bytes, int expected, string field, out FieldError? error)
    {
        error = null;
        if (bytes.Length == 0) return false;
        if (bytes.Length != expected)
        {
            error = new(field, $"must be empty or {expected} bytes, got {bytes.Length}");
            return false;
        }
        return bytes.IndexOfAnyExcept((byte)0) >= 0;
    }
}
