using System.Text.Json;
using Google.Protobuf.Collections;
using Portal.Core.Otlp.Proto.Common.V1;
using Portal.Core.Otlp.Proto.Collector.Trace.V1;
using Portal.Core.Otlp.Proto.Trace.V1;
using Portal.Core.Records;
using OtlpSpan = Portal.Core.Otlp.Proto.Trace.V1.Span;

namespace Portal.Core.Ingest.Otlp;

/// <summary>
/// Maps a parsed OTLP trace export (from protobuf or OTLP/JSON alike) to span records, one rejection per bad span.
/// Endpoint is the span name (OpenTelemetry already names server spans "METHOD /route"). The status code text is the
/// <c>http.response.status_code</c> (or legacy <c>http.status_code</c>) or <c>rpc.grpc.status_code</c> attribute, else
/// "OK"/"ERROR" from the span status; only status ERROR marks the span as an error.
/// </summary>
internal sealed class OtlpSpanMapper
{
    private readonly DateTime _nowUtc;
    private readonly IngestOptions _options;
    private readonly IngestLimits _limits;
    private readonly JsonScratch _json = new();

    private OtlpSpanMapper(DateTime nowUtc, IngestOptions options)
    {
        _nowUtc = nowUtc;
        _options = options;
        _limits = options.Limits;
    }

    public static DecodeResult<SpanRecord> Map(ExportTraceServiceRequest request, DateTime nowUtc, IngestOptions options)
    {
        var total = 0;
        foreach (var resourceSpans in request.ResourceSpans)
            foreach (var scopeSpans in resourceSpans.ScopeSpans) total += scopeSpans.Spans.Count;
        if (total > options.Limits.MaxRecordsPerBatch)
            return DecodeResult<SpanRecord>.Fatal($"payload has {total} spans; at most {options.Limits.MaxRecordsPerBatch} are accepted per request");

        var mapper = new OtlpSpanMapper(nowUtc, options);
        var records = new List<SpanRecord>(total);
        var rejections = new List<Rejection>();
        for (var r = 0; r < request.ResourceSpans.Count; r++)
        {
            var resourceSpans = request.ResourceSpans[r];
            var resource = OtlpResource.Read(resourceSpans.Resource, options, out var resourceError);
            if (resourceError is { } bad)
            {
                var count = 0;
                foreach (var scopeSpans in resourceSpans.ScopeSpans) count += scopeSpans.Spans.Count;
                if (count > 0) rejections.Add(new($"resourceSpans[{r}].resource.{bad.Field}", $"{bad.Reason}; all {count} spans of this resource rejected", count));
                continue;
            }
            for (var s = 0; s < resourceSpans.ScopeSpans.Count; s++)
            {
                var spans = resourceSpans.ScopeSpans[s].Spans;
                for (var i = 0; i < spans.Count; i++)
                {
                    if (mapper.MapSpan(spans[i], resource, out var record) is { } error)
                        rejections.Add(new($"resourceSpans[{r}].scopeSpans[{s}].spans[{i}].{error.Field}", error.Reason));
                    else
                        records.Add(record!);
                }
            }
        }
        return new(records, rejections, null);
    }

    private FieldError? MapSpan(OtlpSpan span, in OtlpResource resource, out SpanRecord? record)
    {
        record = null;
        var traceId = span.TraceId.Span;
        if (Checks.Id(traceId, 16) is { } traceIdError) return new("traceId", traceIdError);
        var spanId = span.SpanId.Span;
        if (Checks.Id(spanId, 8) is { } spanIdError) return new("spanId", spanIdError);
        var parent = span.ParentSpanId.Span;
        if (parent.Length is not (0 or 8)) return new("parentSpanId", $"must be empty or 8 bytes, got {parent.Length}");
        if (Checks.Text(span.Name, _limits.MaxEndpointLength) is { } nameError) return new("name", nameError);
        var kind = (int)span.Kind;
        if (kind is < 0 or > 5) return new("kind", $"must be 0-5, got {kind}");
        if (span.StartTimeUnixNano == 0) return new("startTimeUnixNano", "required");
        var start = Checks.FromUnixNanos(span.StartTimeUnixNano);
        if (Checks.Time(start, _nowUtc, _limits) is { } startError) return new("startTimeUnixNano", startError);
        if (span.EndTimeUnixNano < span.StartTimeUnixNano)
            return new("endTimeUnixNano", span.EndTimeUnixNano == 0 ? "required" : "must not be before startTimeUnixNano");

        var status = span.Status;
        var statusCode = status?.Code ?? Status.Types.StatusCode.Unset;
        if ((int)statusCode is < 0 or > 2) return new("status.code", $"must be 0-2, got {(int)statusCode}");
        var statusMessage = status?.Message;
        if (statusMessage is not null && Checks.Length(statusMessage, _limits.MaxMessageLength) is { } messageError)
            return new("status.message", messageError);

        string? attributesJson = null, codeText = null, scenario = null;
        if (span.Attributes.Count > 0)
        {
            if (OtlpAttributes.WriteObject(_json.Start(), span.Attributes, _limits) is { } attributesError) return attributesError;
            attributesJson = _json.Finish();
            if (FindSpecialAttributes(span, ref codeText, ref scenario) is { } scenarioError) return scenarioError;
        }

        string? eventsJson = null;
        if (span.Events.Count > 0 || span.Links.Count > 0)
        {
            if (WriteEventsAndLinks(span) is { } eventsError) return eventsError;
            eventsJson = _json.Finish();
        }

        // An all-zero parent id is how some exporters spell "no parent".
        SpanId? parentId = parent.Length == 0 || SpanId.FromBytes(parent).IsEmpty ? null : SpanId.FromBytes(parent);
        record = new SpanRecord
        {
            TraceId = TraceId.FromBytes(traceId),
            SpanId = SpanId.FromBytes(spanId),
            ParentSpanId = parentId,
            Service = resource.Service,
            Endpoint = span.Name,
            Instance = resource.Instance,
            Kind = (SpanKind)kind,
            StartTime = start,
            DurationMicros = (long)((span.EndTimeUnixNano - span.StartTimeUnixNano) / 1000),
            IsError = statusCode == Status.Types.StatusCode.Error,
            StatusCode = codeText ?? statusCode switch
            {
                Status.Types.StatusCode.Ok => "OK",
                Status.Types.StatusCode.Error => "ERROR",
                _ => null,
            },
            StatusMessage = string.IsNullOrEmpty(statusMessage) ? null : statusMessage,
            // A root span without a scenario attribute starts a transaction: its endpoint names the scenario.
            Scenario = scenario ?? resource.Scenario ?? (parentId is null ? span.Name : null),
            AttributesJson = attributesJson,
            EventsJson = eventsJson,
        };
        return null;
    }

    /// <summary>One pass over the span's attributes for the status code and the scenario.</summary>
    private FieldError? FindSpecialAttributes(OtlpSpan span, ref string? codeText, ref string? scenario)
    {
        string? httpCode = null, legacyHttpCode = null, grpcCode = null;
        var attributes = span.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var key = attributes[i].Key;
            switch (key)
            {
                case "http.response.status_code": httpCode = OtlpAttributes.ScalarText(attributes[i].Value); break;
                case "http.status_code": legacyHttpCode = OtlpAttributes.ScalarText(attributes[i].Value); break;
                case "rpc.grpc.status_code": grpcCode = OtlpAttributes.ScalarText(attributes[i].Value); break;
                default:
                    if (key != _options.ScenarioAttribute) break;
                    scenario = OtlpAttributes.ScalarText(attributes[i].Value);
                    if (string.IsNullOrEmpty(scenario)) scenario = null;
                    else if (Checks.Length(scenario, _limits.MaxEndpointLength) is { } reason)
                        return new($"attributes[{i}].value", $"{reason} (key \"{key}\")");
                    break;
            }
        }
        codeText = httpCode ?? legacyHttpCode ?? grpcCode;
        return null;
    }

    /// <summary>Events and links as one JSON array: <c>{"type":"event",...}</c> and <c>{"type":"link",...}</c> items.</summary>
    private FieldError? WriteEventsAndLinks(OtlpSpan span)
    {
        var writer = _json.Start();
        writer.WriteStartArray();
        for (var e = 0; e < span.Events.Count; e++)
        {
            var spanEvent = span.Events[e];
            if (Checks.Length(spanEvent.Name, _limits.MaxAttributeValueLength) is { } nameError) return new($"events[{e}].name", nameError);
            writer.WriteStartObject();
            writer.WriteString("type", "event");
            writer.WriteString("name", spanEvent.Name);
            if (spanEvent.TimeUnixNano != 0) writer.WriteString("time", Checks.FromUnixNanos(spanEvent.TimeUnixNano));
            if (WriteAttributes(writer, spanEvent.Attributes) is { } attributesError) return attributesError.Under($"events[{e}]");
            writer.WriteEndObject();
        }
        for (var l = 0; l < span.Links.Count; l++)
        {
            var link = span.Links[l];
            if (Checks.Id(link.TraceId.Span, 16) is { } traceIdError) return new($"links[{l}].traceId", traceIdError);
            if (Checks.Id(link.SpanId.Span, 8) is { } spanIdError) return new($"links[{l}].spanId", spanIdError);
            writer.WriteStartObject();
            writer.WriteString("type", "link");
            writer.WriteString("traceId", TraceId.FromBytes(link.TraceId.Span).ToString());
            writer.WriteString("spanId", SpanId.FromBytes(link.SpanId.Span).ToString());
            if (WriteAttributes(writer, link.Attributes) is { } attributesError) return attributesError.Under($"links[{l}]");
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        return null;
    }

    private FieldError? WriteAttributes(Utf8JsonWriter writer, RepeatedField<KeyValue> attributes)
    {
        if (attributes.Count == 0) return null;
        writer.WritePropertyName("attributes");
        return OtlpAttributes.WriteObject(writer, attributes, _limits);
    }
}
