using System.Text.Json;
using Portal.Core.Otlp.Proto.Collector.Trace.V1;
using Portal.Core.Otlp.Proto.Trace.V1;
using Portal.Core.Records;
using OtlpSpan = Portal.Core.Otlp.Proto.Trace.V1.Span;
using SpanKind = Portal.Core.Records.SpanKind;

namespace Portal.Core.Ingest.Otlp.Wire;

/// <summary>
/// Maps an ExportTraceServiceRequest in protobuf wire format to span records, one rejection per bad span, reading
/// the bytes directly: no message objects, attributes copied from their UTF-8 bytes into JSON, repeated names shared.
/// This is the ingest hot path; parsing into the generated classes first cost more than the whole mapping.
/// Endpoint is the span name (OpenTelemetry already names server spans "METHOD /route"). The status code text is the
/// <c>http.response.status_code</c> (or legacy <c>http.status_code</c>) or <c>rpc.grpc.status_code</c> attribute, else
/// "OK"/"ERROR" from the span status; only status ERROR marks the span as an error.
/// </summary>
internal sealed class OtlpTraceWireDecoder : OtlpWireDecoder<SpanRecord>
{
    private const int LengthDelimited = ProtoReader.LengthDelimited;
    private static readonly OtlpEnvelope Envelope = new(
        ExportTraceServiceRequest.ResourceSpansFieldNumber << 3 | LengthDelimited,
        ResourceSpans.ResourceFieldNumber << 3 | LengthDelimited,
        ResourceSpans.ScopeSpansFieldNumber << 3 | LengthDelimited,
        ScopeSpans.SpansFieldNumber << 3 | LengthDelimited,
        "resourceSpans", "scopeSpans", "spans", "spans");

    private const uint TraceIdTag = OtlpSpan.TraceIdFieldNumber << 3 | LengthDelimited;
    private const uint SpanIdTag = OtlpSpan.SpanIdFieldNumber << 3 | LengthDelimited;
    private const uint ParentSpanIdTag = OtlpSpan.ParentSpanIdFieldNumber << 3 | LengthDelimited;
    private const uint NameTag = OtlpSpan.NameFieldNumber << 3 | LengthDelimited;
    private const uint KindTag = OtlpSpan.KindFieldNumber << 3 | ProtoReader.Varint;
    private const uint StartTag = OtlpSpan.StartTimeUnixNanoFieldNumber << 3 | ProtoReader.Fixed64;
    private const uint EndTag = OtlpSpan.EndTimeUnixNanoFieldNumber << 3 | ProtoReader.Fixed64;
    private const uint AttributesTag = OtlpSpan.AttributesFieldNumber << 3 | LengthDelimited;
    private const uint EventsTag = OtlpSpan.EventsFieldNumber << 3 | LengthDelimited;
    private const uint LinksTag = OtlpSpan.LinksFieldNumber << 3 | LengthDelimited;
    private const uint StatusTag = OtlpSpan.StatusFieldNumber << 3 | LengthDelimited;
    private const uint StatusMessageTag = Status.MessageFieldNumber << 3 | LengthDelimited;
    private const uint StatusCodeTag = Status.CodeFieldNumber << 3 | ProtoReader.Varint;
    private const uint EventTimeTag = OtlpSpan.Types.Event.TimeUnixNanoFieldNumber << 3 | ProtoReader.Fixed64;
    private const uint EventNameTag = OtlpSpan.Types.Event.NameFieldNumber << 3 | LengthDelimited;
    private const uint EventAttributesTag = OtlpSpan.Types.Event.AttributesFieldNumber << 3 | LengthDelimited;
    private const uint LinkTraceIdTag = OtlpSpan.Types.Link.TraceIdFieldNumber << 3 | LengthDelimited;
    private const uint LinkSpanIdTag = OtlpSpan.Types.Link.SpanIdFieldNumber << 3 | LengthDelimited;
    private const uint LinkAttributesTag = OtlpSpan.Types.Link.AttributesFieldNumber << 3 | LengthDelimited;
    private const int StatusError = (int)Status.Types.StatusCode.Error, StatusOk = (int)Status.Types.StatusCode.Ok;

    private static ReadOnlySpan<byte> HttpResponseStatusCode => "http.response.status_code"u8;
    private static ReadOnlySpan<byte> LegacyHttpStatusCode => "http.status_code"u8;
    private static ReadOnlySpan<byte> GrpcStatusCode => "rpc.grpc.status_code"u8;

    // Reused for every span: where its repeated fields lie in its bytes.
    private readonly List<Range> _attributes = [], _events = [], _links = [], _nested = [];

    private OtlpTraceWireDecoder(DateTime nowUtc, IngestOptions options, int capacity) : base(Envelope, nowUtc, options, capacity)
    {
    }

    public static DecodeResult<SpanRecord> Decode(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions options) =>
        Decode(payload, Envelope, options.Limits, capacity => new OtlpTraceWireDecoder(nowUtc, options, capacity));

    protected override FieldError? MapItem(ReadOnlySpan<byte> span, in WireResource resource)
    {
        ReadOnlySpan<byte> traceId = default, spanId = default, parent = default, name = default, statusMessage = default;
        ulong kindValue = 0, start = 0, end = 0, statusValue = 0;
        _attributes.Clear();
        _events.Clear();
        _links.Clear();
        var reader = new ProtoReader(span);
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case TraceIdTag: traceId = reader.ReadBytes(); break;
                case SpanIdTag: spanId = reader.ReadBytes(); break;
                case ParentSpanIdTag: parent = reader.ReadBytes(); break;
                case NameTag: name = reader.ReadBytes(); break;
                case KindTag: kindValue = reader.ReadVarint(); break;
                case StartTag: start = reader.ReadFixed64(); break;
                case EndTag: end = reader.ReadFixed64(); break;
                case AttributesTag: _attributes.Add(reader.ReadRange()); break;
                case EventsTag: _events.Add(reader.ReadRange()); break;
                case LinksTag: _links.Add(reader.ReadRange()); break;
                case StatusTag: ReadStatus(reader.ReadBytes(), ref statusMessage, ref statusValue); break;
                default: reader.Skip(tag); break;
            }
        }

        if (Checks.Id(traceId, 16) is { } traceIdError) return new("traceId", traceIdError);
        if (Checks.Id(spanId, 8) is { } spanIdError) return new("spanId", spanIdError);
        if (parent.Length is not (0 or 8)) return new("parentSpanId", $"must be empty or 8 bytes, got {parent.Length}");
        if (name.IsEmpty) return new("name", "required");
        if (Utf8Text.Check(name, Limits.MaxEndpointLength, "name") is { } nameError) return nameError;
        var kind = (int)kindValue;
        if (kind is < 0 or > 5) return new("kind", $"must be 0-5, got {kind}");
        if (start == 0) return new("startTimeUnixNano", "required");
        var startTime = Checks.FromUnixNanos(start);
        if (Checks.Time(startTime, NowUtc, Limits) is { } startError) return new("startTimeUnixNano", startError);
        if (end < start) return new("endTimeUnixNano", end == 0 ? "required" : "must not be before startTimeUnixNano");
        var statusCode = (int)statusValue;
        if (statusCode is < 0 or > 2) return new("status.code", $"must be 0-2, got {statusCode}");
        if (Utf8Text.Check(statusMessage, Limits.MaxMessageLength, "status.message") is { } messageError) return messageError;

        string? attributesJson = null, codeText = null, scenario = null;
        if (_attributes.Count > 0)
        {
            if (WireAttributes.WriteObject(Json.Start(), span, _attributes, Limits) is { } attributesError) return attributesError;
            attributesJson = Json.Finish();
            if (FindSpecialAttributes(span, ref codeText, ref scenario) is { } scenarioError) return scenarioError;
        }

        string? eventsJson = null;
        if (_events.Count > 0 || _links.Count > 0)
        {
            if (WriteEventsAndLinks(span) is { } eventsError) return eventsError;
            eventsJson = Json.Finish();
        }

        var endpoint = Strings.Get(name);
        // An all-zero parent id is how some exporters spell "no parent".
        SpanId? parentId = parent.Length == 0 || SpanId.FromBytes(parent).IsEmpty ? null : SpanId.FromBytes(parent);
        Records.Add(new SpanRecord
        {
            TraceId = TraceId.FromBytes(traceId),
            SpanId = SpanId.FromBytes(spanId),
            ParentSpanId = parentId,
            Service = resource.Service,
            Endpoint = endpoint,
            Instance = resource.Instance,
            Kind = (SpanKind)kind,
            StartTime = startTime,
            DurationMicros = (long)((end - start) / 1000),
            IsError = statusCode == StatusError,
            StatusCode = codeText ?? statusCode switch
            {
                StatusOk => "OK",
                StatusError => "ERROR",
                _ => null,
            },
            StatusMessage = statusMessage.IsEmpty ? null : Strings.Get(statusMessage),
            // A root span without a scenario attribute starts a transaction: its endpoint names the scenario.
            Scenario = scenario ?? resource.Scenario ?? (parentId is null ? endpoint : null),
            AttributesJson = attributesJson,
            EventsJson = eventsJson,
        });
        return null;
    }

    private static void ReadStatus(ReadOnlySpan<byte> status, ref ReadOnlySpan<byte> message, ref ulong code)
    {
        var reader = new ProtoReader(status);
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == StatusMessageTag) message = reader.ReadBytes();
            else if (tag == StatusCodeTag) code = reader.ReadVarint();
            else reader.Skip(tag);
        }
    }

    /// <summary>The status code and scenario attributes; their UTF-8 was checked when the attributes were written.</summary>
    private FieldError? FindSpecialAttributes(ReadOnlySpan<byte> span, ref string? codeText, ref string? scenario)
    {
        string? httpCode = null, legacyHttpCode = null, grpcCode = null;
        for (var i = 0; i < _attributes.Count; i++)
        {
            WireAttributes.ReadKeyValue(span[_attributes[i]], out var key, out var value);
            if (key.SequenceEqual(HttpResponseStatusCode)) httpCode = WireAttributes.ScalarText(value, Strings, out _);
            else if (key.SequenceEqual(LegacyHttpStatusCode)) legacyHttpCode = WireAttributes.ScalarText(value, Strings, out _);
            else if (key.SequenceEqual(GrpcStatusCode)) grpcCode = WireAttributes.ScalarText(value, Strings, out _);
            else if (key.SequenceEqual(ScenarioKey))
            {
                scenario = WireAttributes.ScalarText(value, Strings, out _);
                if (string.IsNullOrEmpty(scenario)) scenario = null;
                else if (Checks.Length(scenario, Limits.MaxEndpointLength) is { } reason)
                    return new($"attributes[{i}].value", $"{reason} (key \"{Options.ScenarioAttribute}\")");
            }
        }
        codeText = httpCode ?? legacyHttpCode ?? grpcCode;
        return null;
    }

    /// <summary>Events and links as one JSON array: <c>{"type":"event",...}</c> and <c>{"type":"link",...}</c> items.</summary>
    private FieldError? WriteEventsAndLinks(ReadOnlySpan<byte> span)
    {
        var writer = Json.Start();
        writer.WriteStartArray();
        for (var e = 0; e < _events.Count; e++)
            if (WriteEvent(writer, span[_events[e]]) is { } eventError) return eventError.Under($"events[{e}]");
        for (var l = 0; l < _links.Count; l++)
            if (WriteLink(writer, span[_links[l]]) is { } linkError) return linkError.Under($"links[{l}]");
        writer.WriteEndArray();
        return null;
    }

    private FieldError? WriteEvent(Utf8JsonWriter writer, ReadOnlySpan<byte> spanEvent)
    {
        ReadOnlySpan<byte> name = default;
        ulong time = 0;
        _nested.Clear();
        var reader = new ProtoReader(spanEvent);
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == EventNameTag) name = reader.ReadBytes();
            else if (tag == EventTimeTag) time = reader.ReadFixed64();
            else if (tag == EventAttributesTag) _nested.Add(reader.ReadRange());
            else reader.Skip(tag);
        }
        if (Utf8Text.Check(name, Limits.MaxAttributeValueLength, "name") is { } nameError) return nameError;
        writer.WriteStartObject();
        writer.WriteString("type"u8, "event"u8);
        writer.WriteString("name"u8, name);
        if (time != 0) writer.WriteString("time"u8, Checks.FromUnixNanos(time));
        if (WriteNestedAttributes(writer, spanEvent) is { } attributesError) return attributesError;
        writer.WriteEndObject();
        return null;
    }

    private FieldError? WriteLink(Utf8JsonWriter writer, ReadOnlySpan<byte> link)
    {
        ReadOnlySpan<byte> traceId = default, spanId = default;
        _nested.Clear();
        var reader = new ProtoReader(link);
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == LinkTraceIdTag) traceId = reader.ReadBytes();
            else if (tag == LinkSpanIdTag) spanId = reader.ReadBytes();
            else if (tag == LinkAttributesTag) _nested.Add(reader.ReadRange());
            else reader.Skip(tag);
        }
        if (Checks.Id(traceId, 16) is { } traceIdError) return new("traceId", traceIdError);
        if (Checks.Id(spanId, 8) is { } spanIdError) return new("spanId", spanIdError);
        Span<char> hex = stackalloc char[32];
        writer.WriteStartObject();
        writer.WriteString("type"u8, "link"u8);
        Convert.TryToHexStringLower(traceId, hex, out var traceChars);
        writer.WriteString("traceId"u8, hex[..traceChars]);
        Convert.TryToHexStringLower(spanId, hex, out var spanChars);
        writer.WriteString("spanId"u8, hex[..spanChars]);
        if (WriteNestedAttributes(writer, link) is { } attributesError) return attributesError;
        writer.WriteEndObject();
        return null;
    }

    private FieldError? WriteNestedAttributes(Utf8JsonWriter writer, ReadOnlySpan<byte> owner)
    {
        if (_nested.Count == 0) return null;
        writer.WritePropertyName("attributes"u8);
        return WireAttributes.WriteObject(writer, owner, _nested, Limits);
    }
}
