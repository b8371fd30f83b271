using System.Text;
using Portal.Core.Otlp.Proto.Collector.Logs.V1;
using Portal.Core.Otlp.Proto.Logs.V1;
using Portal.Core.Records;
using LogRecord = Portal.Core.Records.LogRecord;
using OtlpLogRecord = Portal.Core.Otlp.Proto.Logs.V1.LogRecord;

namespace Portal.Core.Ingest.Otlp.Wire;

/// <summary>
/// Maps an ExportLogsServiceRequest in protobuf wire format to log records, one rejection per bad record, reading the
/// bytes directly like <see cref="OtlpTraceWireDecoder"/>. Time is <c>timeUnixNano</c>, else
/// <c>observedTimeUnixNano</c>. Level comes from the severity number, else from the severity text, else Info. A string
/// body is the message; any other body is written as JSON text. Trace and span ids are optional: empty or all-zero ids
/// (a log line written outside any span) mean "not linked".
/// </summary>
internal sealed class OtlpLogWireDecoder : OtlpWireDecoder<LogRecord>
{
    private const int LengthDelimited = ProtoReader.LengthDelimited;
    private static readonly OtlpEnvelope Envelope = new(
        ExportLogsServiceRequest.ResourceLogsFieldNumber << 3 | LengthDelimited,
        ResourceLogs.ResourceFieldNumber << 3 | LengthDelimited,
        ResourceLogs.ScopeLogsFieldNumber << 3 | LengthDelimited,
        ScopeLogs.LogRecordsFieldNumber << 3 | LengthDelimited,
        "resourceLogs", "scopeLogs", "logRecords", "log records");

    private const uint TimeTag = OtlpLogRecord.TimeUnixNanoFieldNumber << 3 | ProtoReader.Fixed64;
    private const uint ObservedTimeTag = OtlpLogRecord.ObservedTimeUnixNanoFieldNumber << 3 | ProtoReader.Fixed64;
    private const uint SeverityNumberTag = OtlpLogRecord.SeverityNumberFieldNumber << 3 | ProtoReader.Varint;
    private const uint SeverityTextTag = OtlpLogRecord.SeverityTextFieldNumber << 3 | LengthDelimited;
    private const uint BodyTag = OtlpLogRecord.BodyFieldNumber << 3 | LengthDelimited;
    private const uint AttributesTag = OtlpLogRecord.AttributesFieldNumber << 3 | LengthDelimited;
    private const uint TraceIdTag = OtlpLogRecord.TraceIdFieldNumber << 3 | LengthDelimited;
    private const uint SpanIdTag = OtlpLogRecord.SpanIdFieldNumber << 3 | LengthDelimited;

    private readonly List<Range> _attributes = [];

    private OtlpLogWireDecoder(DateTime nowUtc, IngestOptions options, int capacity) : base(Envelope, nowUtc, options, capacity)
    {
    }

    public static DecodeResult<LogRecord> Decode(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions options) =>
        Decode(payload, Envelope, options.Limits, capacity => new OtlpLogWireDecoder(nowUtc, options, capacity));

    protected override FieldError? MapItem(ReadOnlySpan<byte> log, in WireResource resource)
    {
        ReadOnlySpan<byte> severityText = default, body = default, traceId = default, spanId = default;
        ulong time = 0, observedTime = 0, severityValue = 0;
        _attributes.Clear();
        var reader = new ProtoReader(log);
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case TimeTag: time = reader.ReadFixed64(); break;
                case ObservedTimeTag: observedTime = reader.ReadFixed64(); break;
                case SeverityNumberTag: severityValue = reader.ReadVarint(); break;
                case SeverityTextTag: severityText = reader.ReadBytes(); break;
                case BodyTag: body = reader.ReadBytes(); break;
                case AttributesTag: _attributes.Add(reader.ReadRange()); break;
                case TraceIdTag: traceId = reader.ReadBytes(); break;
                case SpanIdTag: spanId = reader.ReadBytes(); break;
                default: reader.Skip(tag); break;
            }
        }

        var useObserved = time == 0;
        var nanos = useObserved ? observedTime : time;
        if (nanos == 0) return new("timeUnixNano", "required (observedTimeUnixNano is not set either)");
        var logTime = Checks.FromUnixNanos(nanos);
        if (Checks.Time(logTime, NowUtc, Limits) is { } timeError) return new(useObserved ? "observedTimeUnixNano" : "timeUnixNano", timeError);

        var severity = (int)severityValue;
        if (severity is < 0 or > 24) return new("severityNumber", $"must be 0-24, got {severity}");
        var level = severity > 0 ? LogLevels.FromSeverityNumber(severity) : LevelFromText(severityText);

        if (OptionalId(traceId, 16, "traceId") is { } traceIdError) return traceIdError;
        if (OptionalId(spanId, 8, "spanId") is { } spanIdError) return spanIdError;

        string message;
        if (WireAttributes.IsString(body, out var text))
        {
            if (Utf8Text.Check(text, Limits.MaxMessageLength, "body") is { } textError)
                return textError.Fatal ? textError with { Field = "body.stringValue" } : textError;
            message = Encoding.UTF8.GetString(text);
        }
        else if (WireAttributes.IsEmpty(body))
        {
            message = "";
        }
        else
        {
            if (WireAttributes.WriteValue(Json.Start(), body, Limits, 0) is { } bodyError)
                return bodyError.Fatal ? bodyError.Under("body") : new("body", bodyError.Reason);
            message = Json.Finish();
            if (Checks.Length(message, Limits.MaxMessageLength) is { } lengthError) return new("body", lengthError);
        }

        string? attributesJson = null;
        if (_attributes.Count > 0)
        {
            if (WireAttributes.WriteObject(Json.Start(), log, _attributes, Limits) is { } attributesError) return attributesError;
            attributesJson = Json.Finish();
        }

        Records.Add(new LogRecord
        {
            Time = logTime,
            Service = resource.Service,
            Instance = resource.Instance,
            Level = level,
            Message = message,
            TraceId = IsSet(traceId) ? TraceId.FromBytes(traceId) : null,
            SpanId = IsSet(spanId) ? SpanId.FromBytes(spanId) : null,
            AttributesJson = attributesJson,
        });
        return null;
    }

    private static LogLevel LevelFromText(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || utf8.Length > 32) return LogLevel.Info;
        Span<char> chars = stackalloc char[32];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        return LogLevels.FromText(chars[..count]) ?? LogLevel.Info;
    }

    private static FieldError? OptionalId(ReadOnlySpan<byte> bytes, int expected, string field) =>
        bytes.Length is 0 || bytes.Length == expected ? null : new(field, $"must be empty or {expected} bytes, got {bytes.Length}");

    /// <summary>Present and not all zeros: a log line written outside any span may carry zero ids.</summary>
    private static bool IsSet(ReadOnlySpan<byte> id) => id.IndexOfAnyExcept((byte)0) >= 0;
}
