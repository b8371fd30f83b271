using Portal.Core.Records;

namespace Portal.Core.Ingest.Native;

/// <summary>
/// Decodes a batch of the platform SDK's call records (<c>{"records":[...]}</c>, docs/native-formats.md) into spans.
/// A record without a scenario that is a root (no parent) names its scenario by its interface, as OTLP root spans do.
/// </summary>
public static class NativeCallRecordDecoder
{
    public static DecodeResult<SpanRecord> Decode(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions? options = null)
    {
        var limits = (options ?? IngestOptions.Default).Limits;
        if (NativeJson.TryRead(payload, NativeJsonContext.Default.NativeCallRecordBatch, out var batch) is { } fatal)
            return DecodeResult<SpanRecord>.Fatal(fatal);
        if (batch!.Records is not { } items) return DecodeResult<SpanRecord>.Fatal("payload must have a \"records\" array");
        if (items.Count > limits.MaxRecordsPerBatch)
            return DecodeResult<SpanRecord>.Fatal($"payload has {items.Count} records; at most {limits.MaxRecordsPerBatch} are accepted per request");

        var json = new JsonScratch();
        var records = new List<SpanRecord>(items.Count);
        var rejections = new List<Rejection>();
        for (var i = 0; i < items.Count; i++)
        {
            SpanRecord? record = null;
            var error = items[i] is { } item ? Map(item, nowUtc, limits, json, out record) : new FieldError("", "must be a JSON object");
            if (error is { } bad) rejections.Add(new(bad.Field.Length == 0 ? $"records[{i}]" : $"records[{i}].{bad.Field}", bad.Reason));
            else records.Add(record!);
        }
        return new(records, rejections, null);
    }

    private static FieldError? Map(NativeCallRecord item, DateTime nowUtc, IngestLimits limits, JsonScratch json, out SpanRecord? record)
    {
        record = null;
        if (string.IsNullOrEmpty(item.TraceId)) return new("traceId", "required");
        if (!TraceId.TryParse(item.TraceId, out var traceId)) return new("traceId", $"must be 32 hex digits, got \"{Checks.Clip(item.TraceId)}\"");
        if (traceId.IsEmpty) return new("traceId", "must not be all zeros");
        if (string.IsNullOrEmpty(item.SpanId)) return new("spanId", "required");
        if (!SpanId.TryParse(item.SpanId, out var spanId)) return new("spanId", $"must be 16 hex digits, got \"{Checks.Clip(item.SpanId)}\"");
        if (spanId.IsEmpty) return new("spanId", "must not be all zeros");
        if (NativeFields.OptionalSpanId(item.ParentSpanId, "parentSpanId", out var parentId) is { } parentError) return parentError;
        if (Checks.Text(item.Service, limits.MaxServiceLength) is { } serviceError) return new("service", serviceError);
        if (Checks.Text(item.Interface, limits.MaxEndpointLength) is { } interfaceError) return new("interface", interfaceError);
        if (Checks.Text(item.Instance, limits.MaxInstanceLength) is { } instanceError) return new("instance", instanceError);
        if (NativeFields.Time(item.StartTime, nowUtc, limits, "startTime", out var start) is { } timeError) return timeError;
        if (item.DurationMs is not { } durationMs) return new("durationMs", "required");
        if (durationMs < 0) return new("durationMs", $"must not be negative, got {durationMs}");
        if (durationMs > MaxDurationMs) return new("durationMs", $"must be at most {MaxDurationMs}, got {durationMs}");
        if (item.Success is not { } success) return new("success", "required");
        if (item.ResultCode is { } code && Checks.Length(code, limits.MaxAttributeValueLength) is { } codeError) return new("resultCode", codeError);
        if (item.Message is { } message && Checks.Length(message, limits.MaxMessageLength) is { } messageError) return new("message", messageError);
        if (item.Scenario is { } scenario && Checks.Length(scenario, limits.MaxEndpointLength) is { } scenarioError) return new("scenario", scenarioError);
        if (ParseKind(item.Kind) is not { } kind) return new("kind", $"must be one of server, client, producer, consumer, internal, got \"{Checks.Clip(item.Kind!)}\"");
        if (NativeFields.Attributes(item.Attributes, json, limits, out var attributesJson) is { } attributesError) return attributesError;

        record = new SpanRecord
        {
            TraceId = traceId,
            SpanId = spanId,
            ParentSpanId = parentId.IsEmpty ? null : parentId,
            Service = item.Service!,
            Endpoint = item.Interface!,
            Instance = item.Instance!,
            Kind = kind,
            StartTime = start,
            DurationMicros = (long)Math.Round(durationMs * 1000),
            IsError = !success,
            StatusCode = string.IsNullOrEmpty(item.ResultCode) ? null : item.ResultCode,
            StatusMessage = string.IsNullOrEmpty(item.Message) ? null : item.Message,
            Scenario = !string.IsNullOrEmpty(item.Scenario) ? item.Scenario : parentId.IsEmpty ? item.Interface : null,
            AttributesJson = attributesJson,
        };
        return null;
    }

    // A call longer than a day is a clock or unit error, and the bound keeps the microsecond count far from overflow.
    private const double MaxDurationMs = 86_400_000;

    /// <summary>The kind, case-insensitive; absent means server, since the platform records calls at the callee.</summary>
    private static SpanKind? ParseKind(string? text)
    {
        if (string.IsNullOrEmpty(text)) return SpanKind.Server;
        foreach (var kind in Kinds)
            if (text.Equals(kind.Name, StringComparison.OrdinalIgnoreCase)) return kind.Kind;
        return null;
    }

    private static readonly (string Name, SpanKind Kind)[] Kinds =
        [("server", SpanKind.Server), ("client", SpanKind.Client), ("producer", SpanKind.Producer), ("consumer", SpanKind.Consumer), ("internal", SpanKind.Internal)];
}
