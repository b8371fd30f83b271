using Google.Protobuf;
using Portal.Core.Ingest;
using Portal.Core.Ingest.Otlp;
using Portal.Core.Otlp.Proto.Common.V1;
using Portal.Core.Otlp.Proto.Trace.V1;
using Portal.Core.Records;
using static Portal.Core.Tests.Ingest.Otlp;
using SpanKind = Portal.Core.Records.SpanKind;

namespace Portal.Core.Tests.Ingest;

public class OtlpTraceJsonTests
{
    private static readonly ulong Start = Nanos(Now.AddSeconds(-1)) - 120_000_000;
    private static readonly ulong End = Nanos(Now.AddSeconds(-1));

    private static DecodeResult<SpanRecord> Decode(string json) => OtlpTraceDecoder.DecodeJson(Utf8(json), Now);

    /// <summary>One span wrapped in the envelope, with the span's JSON members given.</summary>
    private static string Envelope(string spanMembers) =>
        """{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"web"}}]},"scopeSpans":[{"spans":[{"""
        + spanMembers + "}]}]}]}";

    private const string Ids = "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\"";

    private string Times => $"\"startTimeUnixNano\":\"{Start}\",\"endTimeUnixNano\":\"{End}\"";

    [Fact]
    public void DecodesWhatTheOpenTelemetryJsExporterSends()
    {
        // The shape @opentelemetry/exporter-trace-otlp-http emits with its JSON serializer.
        var json = $$$"""
        {"resourceSpans":[{"resource":{"attributes":[
            {"key":"service.name","value":{"stringValue":"checkout-web"}},
            {"key":"service.instance.id","value":{"stringValue":"browser-42"}},
            {"key":"telemetry.sdk.language","value":{"stringValue":"webjs"}},
            {"key":"telemetry.sdk.version","value":{"stringValue":"1.25.1"}}],"droppedAttributesCount":0},
          "scopeSpans":[{"scope":{"name":"@opentelemetry/instrumentation-fetch","version":"0.52.1"},"spans":[
            {"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","parentSpanId":"53995c3f42cd8ad8",
             "traceState":"","name":"HTTP POST","kind":3,"startTimeUnixNano":"{{{Start}}}","endTimeUnixNano":"{{{End}}}",
             "attributes":[{"key":"component","value":{"stringValue":"fetch"}},
                           {"key":"http.method","value":{"stringValue":"POST"}},
                           {"key":"http.url","value":{"stringValue":"https://api.bank.local/transfer"}},
                           {"key":"http.status_code","value":{"intValue":201}},
                           {"key":"http.response_content_length","value":{"intValue":42}}],
             "droppedAttributesCount":0,
             "events":[{"attributes":[],"name":"fetchStart","timeUnixNano":"{{{Start}}}","droppedAttributesCount":0}],
             "droppedEventsCount":0,"status":{"code":0},"links":[],"droppedLinksCount":0,"flags":257}]}]}]}
        """;

        var result = Decode(json);

        Assert.Null(result.FatalError);
        Assert.Empty(result.Rejections);
        var record = Assert.Single(result.Records);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", record.TraceId.ToString());
        Assert.Equal("00f067aa0ba902b7", record.SpanId.ToString());
        Assert.Equal("53995c3f42cd8ad8", record.ParentSpanId.ToString());
        Assert.Equal("checkout-web", record.Service);
        Assert.Equal("browser-42", record.Instance);
        Assert.Equal("HTTP POST", record.Endpoint);
        Assert.Equal(SpanKind.Client, record.Kind);
        Assert.Equal(Now.AddSeconds(-1).AddMilliseconds(-120), record.StartTime);
        Assert.Equal(120_000, record.DurationMicros);
        Assert.False(record.IsError);
        Assert.Equal("201", record.StatusCode);
        Assert.Null(record.Scenario);
        Assert.Equal(
            """{"component":"fetch","http.method":"POST","http.url":"https://api.bank.local/transfer","http.status_code":201,"http.response_content_length":42}""",
            record.AttributesJson);
        Assert.Equal("""[{"type":"event","name":"fetchStart","time":"2025-03-01T09:59:58.88Z"}]""", record.EventsJson);
    }

    [Fact]
    public void ProtobufCanonicalJsonDecodesToTheSameRecordsAsProtobuf()
    {
        // Google's JsonFormatter writes base64 ids, enum names and 64-bit integers as strings: all accepted.
        var span = Span();
        span.Attributes.Add(Kv("http.response.status_code", 200));
        span.Attributes.Add(new KeyValue { Key = "d", Value = new AnyValue { DoubleValue = double.PositiveInfinity } });
        span.Attributes.Add(new KeyValue { Key = "b", Value = new AnyValue { BytesValue = ByteString.CopyFrom(9, 8) } });
        span.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "boom" };
        span.Events.Add(new Span.Types.Event { Name = "retry", TimeUnixNano = Start + 5 });
        var request = Traces(span, Span(spanId: "00f067aa0ba902b8", parent: null));

        var fromJson = OtlpTraceDecoder.DecodeJson(Utf8(JsonFormatter.Default.Format(request)), Now);
        var fromProtobuf = OtlpTraceDecoder.DecodeProtobuf(request.ToByteArray(), Now);

        Assert.Null(fromJson.FatalError);
        Assert.Equal(2, fromJson.Records.Count);
        for (var i = 0; i < 2; i++) AssertSame(fromProtobuf.Records[i], fromJson.Records[i]);
        Assert.Equal("""{"http.response.status_code":200,"d":"Infinity","b":"CQg="}""", fromJson.Records[0].AttributesJson);
    }

    private static void AssertSame(SpanRecord expected, SpanRecord actual)
    {
        Assert.Equal(expected.TraceId, actual.TraceId);
        Assert.Equal(expected.SpanId, actual.SpanId);
        Assert.Equal(expected.ParentSpanId, actual.ParentSpanId);
        Assert.Equal(expected.Service, actual.Service);
        Assert.Equal(expected.Endpoint, actual.Endpoint);
        Assert.Equal(expected.Instance, actual.Instance);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.DurationMicros, actual.DurationMicros);
        Assert.Equal(expected.IsError, actual.IsError);
        Assert.Equal(expected.StatusCode, actual.StatusCode);
        Assert.Equal(expected.StatusMessage, actual.StatusMessage);
        Assert.Equal(expected.Scenario, actual.Scenario);
        Assert.Equal(expected.AttributesJson, actual.AttributesJson);
        Assert.Equal(expected.EventsJson, actual.EventsJson);
    }

    [Fact]
    public void AcceptsSnakeCaseNamesNumbersNullsEnumNamesAndUnknownFields()
    {
        var json = $$$"""
        {"resource_spans":[{"resource":null,"scope_spans":[{"spans":[
          {"trace_id":"4BF92F3577B34DA6A3CE929D0E0E4736","span_id":"00f067aa0ba902b7","parent_span_id":null,"name":"GET /balance",
           "kind":"SPAN_KIND_SERVER","start_time_unix_nano":{{{Start}}},"end_time_unix_nano":{{{End}}},"futureField":{"x":[1,2]},
           "attributes":[{"key":"n","value":{"intValue":"-7"}},{"key":"d","value":{"doubleValue":"NaN"}},{"key":"z","value":null}],
           "status":{"code":"STATUS_CODE_ERROR"}}]}]}]}
        """;
        var record = Assert.Single(Decode(json).Records);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", record.TraceId.ToString());
        Assert.Equal(SpanKind.Server, record.Kind);
        Assert.True(record.IsError);
        Assert.Equal("ERROR", record.StatusCode);
        Assert.Equal("GET /balance", record.Scenario);
        Assert.Equal("unknown_service", record.Service);
        Assert.Equal("""{"n":-7,"d":"NaN","z":null}""", record.AttributesJson);
    }

    [Fact]
    public void AnEmptyTraceIdIsRejectedWithThePreciseMessage()
    {
        var json = Envelope($"\"traceId\":\"\",\"spanId\":\"00f067aa0ba902b7\",\"name\":\"x\",{Times}");
        var result = Decode(json);
        Assert.Equal("resourceSpans[0].scopeSpans[0].spans[0].traceId: must be 16 bytes, got 0", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public void AShortHexIdIsRejectedForItsLength()
    {
        var json = Envelope($"\"traceId\":\"4bf92f35\",\"spanId\":\"00f067aa0ba902b7\",\"name\":\"x\",{Times}");
        Assert.Equal("resourceSpans[0].scopeSpans[0].spans[0].traceId: must be 16 bytes, got 4", Assert.Single(Decode(json).Rejections).Message);
    }

    public static TheoryData<string, string> FatalPayloads => new()
    {
        { Envelope($"\"traceId\":\"zz\",\"spanId\":\"00f067aa0ba902b7\""), "resourceSpans[0].scopeSpans[0].spans[0].traceId: must be a hex id, got \"zz\"" },
        { Envelope($"{Ids},\"kind\":\"SERVER\""), "resourceSpans[0].scopeSpans[0].spans[0].kind: unknown SpanKind \"SERVER\"" },
        { Envelope($"{Ids},\"startTimeUnixNano\":\"12x\""), "resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: must be an unsigned 64-bit integer (a number or a string of digits)" },
        { Envelope($"{Ids},\"startTimeUnixNano\":-5"), "resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: must be an unsigned 64-bit integer (a number or a string of digits)" },
        { Envelope($"{Ids},\"name\":5"), "resourceSpans[0].scopeSpans[0].spans[0].name: must be a string" },
        { Envelope($"{Ids},\"attributes\":[{{\"key\":\"a\",\"value\":{{\"boolValue\":\"yes\"}}}}]"), "resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value.boolValue: must be true or false" },
        { Envelope($"{Ids},\"attributes\":[null]"), "resourceSpans[0].scopeSpans[0].spans[0].attributes[0]: must be a JSON object" },
        { """{"resourceSpans":[{"scopeSpans":[{"spans":{}}]}]}""", "resourceSpans[0].scopeSpans[0].spans: must be a JSON array" },
        { """[{"resourceSpans":[]}]""", "payload must be a JSON object with \"resourceSpans\"" },
        { "", "payload is empty" },
    };

    [Theory]
    [MemberData(nameof(FatalPayloads))]
    public void WrongShapesAreFatalWithAPath(string json, string expected)
    {
        var result = Decode(json);
        Assert.Equal(expected, result.FatalError);
        Assert.Empty(result.Records);
    }

    [Theory]
    [InlineData("""{"resourceSpans":[""")]
    [InlineData("""{"resourceSpans":[]} {}""")]
    [InlineData("""{"resourceSpans":[],}""")]
    public void MalformedJsonIsFatal(string json)
    {
        Assert.StartsWith("invalid JSON: ", Decode(json).FatalError);
    }

    [Fact]
    public void InvalidUtf8IsFatal()
    {
        var bytes = Utf8("""{"resourceSpans":[]}""");
        bytes[3] = 0xFF;
        Assert.Equal("payload is not valid UTF-8 (first invalid byte at offset 3)", OtlpTraceDecoder.DecodeJson(bytes, Now).FatalError);
    }

    [Fact]
    public void AnEscapedLoneSurrogateIsFatal()
    {
        var json = Envelope($"{Ids},\"name\":\"bad \\ud800 name\",{Times}");
        Assert.StartsWith("invalid JSON string: ", Decode(json).FatalError);
    }

    [Fact]
    public void AByteOrderMarkIsIgnored()
    {
        var bytes = Utf8("\uFEFF" + Envelope($"{Ids},\"name\":\"x\",{Times}"));
        Assert.Single(OtlpTraceDecoder.DecodeJson(bytes, Now).Records);
    }
}
