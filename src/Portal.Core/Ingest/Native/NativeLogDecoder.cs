using Portal.Core.Records;

namespace Portal.Core.Ingest.Native;

/// <summary>Decodes a batch of the platform SDK's log lines (<c>{"logs":[...]}</c>, docs/native-formats.md).</summary>
public static class NativeLogDecoder
{
    public static DecodeResult<LogRecord> Decode(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions? options = null)
    {
        var limits = (options ?? IngestOptions.Default).Limits;
        if (NativeJson.TryRead(payload, NativeJsonContext.Default.NativeLogBatch, out var batch) is { } fatal)
            return DecodeResult<LogRecord>.Fatal(fatal);
        if (batch!.Logs is not { } items) return DecodeResult<LogRecord>.Fatal("payload must have a \"logs\" array");
        if (items.Count > limits.MaxRecordsPerBatch)
            return DecodeResult<LogRecord>.Fatal($"payload has {items.Count} log lines; at most {limits.MaxRecordsPerBatch} are accepted per request");

        var json = new JsonScratch();
        var records = new List<LogRecord>(items.Count);
        var rejections = new List<Rejection>();
        for (var i = 0; i < items.Count; i++)
        {
            LogRecord? record = null;
            var error = items[i] is { } item ? Map(item, nowUtc, limits, json, out record) : new FieldError("", "must be a JSON object");
            if (error is { } bad) rejections.Add(new(bad.Field.Length == 0 ? $"logs[{i}]" : $"logs[{i}].{bad.Field}", bad.Reason));
            else records.Add(record!);
        }
        return new(records, rejections, null);
    }

    private static FieldError? Map(NativeLogLine item, DateTime nowUtc, IngestLimits limits, JsonScratch json, out LogRecord? record)
    {
        record = null;
        if (NativeFields.Time(item.Time, nowUtc, limits, "time", out var time) is { } timeError) return timeError;
        if (Checks.Text(item.Service, limits.MaxServiceLength) is { } serviceError) return new("service", serviceError);
        if (Checks.Text(item.Instance, limits.MaxInstanceLength) is { } instanceError) return new("instance", instanceError);
        if (string.IsNullOrEmpty(item.Level)) return new("level", "required");
        if (LogLevels.FromText(item.Level) is not { } level)
            return new("level", $"must be one of trace, debug, info, warn, error, fatal, got \"{Checks.Clip(item.Level)}\"");
        if (item.Message is null) return new("message", "required");
        if (Checks.Length(item.Message, limits.MaxMessageLength) is { } messageError) return new("message", messageError);
        if (NativeFields.OptionalTraceId(item.TraceId, "traceId", out var traceId) is { } traceIdError) return traceIdError;
        if (NativeFields.OptionalSpanId(item.SpanId, "spanId", out var spanId) is { } spanIdError) return spanIdError;
        if (NativeFields.Attributes(item.Attributes, json, limits, out var attributesJson) is { } attributesError) return attributesError;

        record = new LogRecord
        {
            Time = time,
            Service = item.Service!,
            Instance = item.Instance!,
            Level = level,
            Message = item.Message,
            TraceId = traceId,
            SpanId = spanId.IsEmpty ? null : spanId,
            AttributesJson = attributesJson,
        };
        return null;
    }
}
