using Google.Protobuf;
using Portal.Core.Ingest;
using Portal.Core.Ingest.Otlp;
using Portal.Core.Otlp.Proto.Collector.Trace.V1;
using Portal.Core.Otlp.Proto.Common.V1;
using Portal.Core.Otlp.Proto.Trace.V1;
using Portal.Core.Records;
using static Portal.Core.Tests.Ingest.Otlp;
using SpanKind = Portal.Core.Records.SpanKind;

namespace Portal.Core.Tests.Ingest;

public class OtlpTraceProtobufTests
{
    private static DecodeResult<SpanRecord> Decode(ExportTraceServiceRequest request, IngestOptions? options = null) =>
        OtlpTraceDecoder.DecodeProtobuf(request.ToByteArray(), Now, options);

    private static string SingleRejection(ExportTraceServiceRequest request, IngestOptions? options = null)
    {
        var result = Decode(request, options);
        Assert.Null(result.FatalError);
        Assert.Empty(result.Records);
        return Assert.Single(result.Rejections).Message;
    }

    [Fact]
    public void MapsEveryField()
    {
        var span = Span();
        span.Attributes.Add(Kv("http.request.method", "POST"));
        span.Attributes.Add(Kv("http.response.status_code", 502));
        span.Attributes.Add(new KeyValue { Key = "ratio", Value = new AnyValue { DoubleValue = 0.25 } });
        span.Attributes.Add(new KeyValue { Key = "nan", Value = new AnyValue { DoubleValue = double.NaN } });
        span.Attributes.Add(new KeyValue { Key = "retry", Value = new AnyValue { BoolValue = true } });
        var array = new ArrayValue();
        array.Values.Add(new AnyValue { StringValue = "a" });
        array.Values.Add(new AnyValue { IntValue = 1 });
        span.Attributes.Add(new KeyValue { Key = "tags", Value = new AnyValue { ArrayValue = array } });
        var list = new KeyValueList();
        list.Values.Add(Kv("k", "v"));
        span.Attributes.Add(new KeyValue { Key = "nested", Value = new AnyValue { KvlistValue = list } });
        span.Attributes.Add(new KeyValue { Key = "raw", Value = new AnyValue { BytesValue = ByteString.CopyFrom(1, 2, 3) } });
        span.Attributes.Add(new KeyValue { Key = "empty", Value = new AnyValue() });
        span.Attributes.Add(Kv("business.scenario", "TRANSFER"));
        span.Attributes.Add(Kv("note", "转账"));
        span.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "upstream timed out" };
        var exception = new Span.Types.Event { Name = "exception", TimeUnixNano = Nanos(Now.AddSeconds(-1.5)) };
        exception.Attributes.Add(Kv("exception.type", "TimeoutException"));
        span.Events.Add(exception);
        var link = new Span.Types.Link { TraceId = Bytes("0af7651916cd43dd8448eb211c80319c"), SpanId = Bytes("b7ad6b7169203331") };
        link.Attributes.Add(Kv("reason", "retry"));
        span.Links.Add(link);

        var result = Decode(Traces(Resource(Kv("service.name", "payment"), Kv("service.instance.id", "payment-1"), Kv("host.name", "node-7")), span));

        Assert.Empty(result.Rejections);
        var record = Assert.Single(result.Records);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", record.TraceId.ToString());
        Assert.Equal("00f067aa0ba902b7", record.SpanId.ToString());
        Assert.Equal("53995c3f42cd8ad8", record.ParentSpanId.ToString());
        Assert.Equal("payment", record.Service);
        Assert.Equal("POST /transfer", record.Endpoint);
        Assert.Equal("payment-1", record.Instance);
        Assert.Equal(SpanKind.Server, record.Kind);
        Assert.Equal(Now.AddSeconds(-1).AddMilliseconds(-120), record.StartTime);
        Assert.Equal(DateTimeKind.Utc, record.StartTime.Kind);
        Assert.Equal(120_000, record.DurationMicros);
        Assert.True(record.IsError);
        Assert.Equal("502", record.StatusCode);
        Assert.Equal("upstream timed out", record.StatusMessage);
        Assert.Equal("TRANSFER", record.Scenario);
        Assert.Equal(
            """{"http.request.method":"POST","http.response.status_code":502,"ratio":0.25,"nan":"NaN","retry":true,"tags":["a",1],"nested":{"k":"v"},"raw":"AQID","empty":null,"business.scenario":"TRANSFER","note":"转账"}""",
            record.AttributesJson);
        Assert.Equal(
            """[{"type":"event","name":"exception","time":"2025-03-01T09:59:58.5Z","attributes":{"exception.type":"TimeoutException"}},{"type":"link","traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","attributes":{"reason":"retry"}}]""",
            record.EventsJson);
    }

    [Fact]
    public void DefaultsWhenResourceAndAttributesAreMissing()
    {
        var span = Span(parent: null);
        var record = Assert.Single(Decode(Traces(Resource(), span)).Records);
        Assert.Equal("unknown_service", record.Service);
        Assert.Equal("unknown_instance", record.Instance);
        Assert.Null(record.ParentSpanId);
        Assert.False(record.IsError);
        Assert.Null(record.StatusCode);
        Assert.Null(record.StatusMessage);
        Assert.Null(record.AttributesJson);
        Assert.Null(record.EventsJson);
        Assert.Equal("POST /transfer", record.Scenario); // a root span names its scenario
    }

    [Fact]
    public void InstanceFallsBackToHostNameAndScenarioToTheResource()
    {
        var request = Traces(Resource(Kv("service.name", "ledger"), Kv("host.name", "node-3"), Kv("business.scenario", "OPEN_ACCOUNT")), Span());
        var record = Assert.Single(Decode(request).Records);
        Assert.Equal("node-3", record.Instance);
        Assert.Equal("OPEN_ACCOUNT", record.Scenario);
    }

    [Fact]
    public void ChildSpanWithoutScenarioHasNone()
    {
        Assert.Null(Assert.Single(Decode(Traces(Span())).Records).Scenario);
    }

    [Fact]
    public void ScenarioAttributeIsConfigurable()
    {
        var span = Span();
        span.Attributes.Add(Kv("bank.scene", "PAYROLL"));
        var options = IngestOptions.Default with { ScenarioAttribute = "bank.scene" };
        Assert.Equal("PAYROLL", Assert.Single(Decode(Traces(span), options).Records).Scenario);
    }

    [Theory]
    [InlineData("rpc.grpc.status_code", 14L, "14")]
    [InlineData("http.status_code", 404L, "404")]
    public void StatusCodeTextComesFromProtocolAttributes(string key, long value, string expected)
    {
        var span = Span();
        span.Attributes.Add(Kv(key, value));
        Assert.Equal(expected, Assert.Single(Decode(Traces(span)).Records).StatusCode);
    }

    [Fact]
    public void StatusCodeTextFallsBackToTheSpanStatus()
    {
        var span = Span();
        span.Status = new Status { Code = Status.Types.StatusCode.Ok };
        var record = Assert.Single(Decode(Traces(span)).Records);
        Assert.Equal("OK", record.StatusCode);
        Assert.False(record.IsError);
    }

    [Fact]
    public void AllZeroParentIsARoot()
    {
        var record = Assert.Single(Decode(Traces(Span(parent: "0000000000000000"))).Records);
        Assert.Null(record.ParentSpanId);
    }

    [Fact]
    public void FiveHundredSpanBatchDecodesToFiveHundredRecords()
    {
        var spans = new Span[500];
        for (var i = 0; i < spans.Length; i++)
        {
            spans[i] = Span(spanId: $"{i + 1:x16}");
            spans[i].Attributes.Add(Kv("http.route", "/transfer"));
            spans[i].Attributes.Add(Kv("http.response.status_code", 200));
        }
        var result = Decode(Traces(spans));
        Assert.Empty(result.Rejections);
        Assert.Equal(500, result.Records.Count);
        Assert.Equal("00000000000001f4", result.Records[499].SpanId.ToString());
    }

    [Fact]
    public void GoodSpansAreKeptWhenOthersAreRejected()
    {
        var bad = Span(spanId: "00f067aa0ba902b8");
        bad.TraceId = ByteString.Empty;
        var result = Decode(Traces(Span(), bad, Span(spanId: "00f067aa0ba902b9")));
        Assert.Equal(2, result.Records.Count);
        Assert.Equal("resourceSpans[0].scopeSpans[0].spans[1].traceId: must be 16 bytes, got 0", Assert.Single(result.Rejections).Message);
        Assert.Equal(1, result.RejectedCount);

        var response = OtlpResponses.ForTraces(result);
        Assert.Equal(1, response.PartialSuccess.RejectedSpans);
        Assert.Equal("resourceSpans[0].scopeSpans[0].spans[1].traceId: must be 16 bytes, got 0", response.PartialSuccess.ErrorMessage);
        Assert.Null(OtlpResponses.ForTraces(Decode(Traces(Span()))).PartialSuccess);
    }

    public static TheoryData<Action<Span>, string> BadSpans => new()
    {
        { s => s.TraceId = ByteString.Empty, "traceId: must be 16 bytes, got 0" },
        { s => s.TraceId = ByteString.CopyFrom(new byte[16]), "traceId: must not be all zeros" },
        { s => s.SpanId = Bytes("00f067aa0ba902"), "spanId: must be 8 bytes, got 7" },
        { s => s.SpanId = ByteString.CopyFrom(new byte[8]), "spanId: must not be all zeros" },
        { s => s.ParentSpanId = Bytes("010203"), "parentSpanId: must be empty or 8 bytes, got 3" },
        { s => s.Name = "", "name: required" },
        { s => s.Kind = (Span.Types.SpanKind)9, "kind: must be 0-5, got 9" },
        { s => s.StartTimeUnixNano = 0, "startTimeUnixNano: required" },
        { s => { s.StartTimeUnixNano = Nanos(Now.AddDays(-8)); s.EndTimeUnixNano = s.StartTimeUnixNano + 1000; },
            "startTimeUnixNano: 2025-02-21T10:00:00Z is more than 7 days before now (2025-03-01T10:00:00Z)" },
        { s => { s.StartTimeUnixNano = Nanos(Now.AddMinutes(61)); s.EndTimeUnixNano = s.StartTimeUnixNano + 1000; },
            "startTimeUnixNano: 2025-03-01T11:01:00Z is more than 1 hour after now (2025-03-01T10:00:00Z)" },
        { s => s.EndTimeUnixNano = s.StartTimeUnixNano - 1, "endTimeUnixNano: must not be before startTimeUnixNano" },
        { s => s.EndTimeUnixNano = 0, "endTimeUnixNano: required" },
        { s => s.Status = new Status { Code = (Status.Types.StatusCode)7 }, "status.code: must be 0-2, got 7" },
        { s => s.Attributes.Add(new KeyValue { Key = "", Value = new AnyValue { StringValue = "x" } }), "attributes[0].key: required" },
        { s => s.Links.Add(new Span.Types.Link { TraceId = Bytes("0102"), SpanId = Bytes("b7ad6b7169203331") }), "links[0].traceId: must be 16 bytes, got 2" },
        { s => s.Events.Add(new Span.Types.Event { Name = "e", Attributes = { new KeyValue { Key = "" } } }), "events[0].attributes[0].key: required" },
    };

    [Theory]
    [MemberData(nameof(BadSpans))]
    public void RejectsABadSpanWithAPreciseMessage(Action<Span> spoil, string expected)
    {
        var span = Span();
        spoil(span);
        Assert.Equal($"resourceSpans[0].scopeSpans[0].spans[0].{expected}", SingleRejection(Traces(span)));
    }

    [Fact]
    public void EnforcesStringAndAttributeLimits()
    {
        var limits = IngestLimits.Default with { MaxEndpointLength = 5, MaxAttributeValueLength = 3, MaxAttributesPerRecord = 1, MaxMessageLength = 4 };
        var options = IngestOptions.Default with { Limits = limits };
        const string prefix = "resourceSpans[0].scopeSpans[0].spans[0].";

        Assert.Equal(prefix + "name: must be at most 5 characters, got 14", SingleRejection(Traces(Span()), options));

        var longValue = Span(name: "GET");
        longValue.Attributes.Add(Kv("k", "abcd"));
        Assert.Equal(prefix + "attributes[0].value: must be at most 3 characters, got 4 (key \"k\")", SingleRejection(Traces(longValue), options));

        var tooMany = Span(name: "GET");
        tooMany.Attributes.Add(Kv("a", "1"));
        tooMany.Attributes.Add(Kv("b", "2"));
        Assert.Equal(prefix + "attributes: must have at most 1 entries, got 2", SingleRejection(Traces(tooMany), options));

        var longMessage = Span(name: "GET");
        longMessage.Status = new Status { Message = "timeout" };
        Assert.Equal(prefix + "status.message: must be at most 4 characters, got 7", SingleRejection(Traces(longMessage), options));
    }

    [Fact]
    public void ABadResourceRejectsAllItsSpansAtOnce()
    {
        var options = IngestOptions.Default with { Limits = IngestLimits.Default with { MaxServiceLength = 4 } };
        var result = Decode(Traces(Resource(Kv("service.name", "payment")), Span(), Span(spanId: "00f067aa0ba902b8")), options);
        Assert.Empty(result.Records);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal("resourceSpans[0].resource.attributes[0].value: must be at most 4 characters, got 7 (key \"service.name\"); all 2 spans of this resource rejected", rejection.Message);
        Assert.Equal(2, result.RejectedCount);
    }

    [Fact]
    public void TooManySpansIsFatal()
    {
        var options = IngestOptions.Default with { Limits = IngestLimits.Default with { MaxRecordsPerBatch = 2 } };
        var result = Decode(Traces(Span(), Span(), Span()), options);
        Assert.Equal("payload has 3 spans; at most 2 are accepted per request", result.FatalError);
        Assert.Empty(result.Records);
    }

    [Fact]
    public void MalformedProtobufIsFatal()
    {
        var result = OtlpTraceDecoder.DecodeProtobuf([0x0A, 0x05, 0x01], Now);
        Assert.True(result.IsFatal);
        Assert.StartsWith("invalid protobuf: ", result.FatalError);
    }

    [Fact]
    public void EmptyBodyIsAnEmptyRequest()
    {
        var result = OtlpTraceDecoder.DecodeProtobuf([], Now);
        Assert.False(result.IsFatal);
        Assert.Empty(result.Records);
    }

    [Fact]
    public void InvalidUtf8InAStringIsFatalAndNamesTheField()
    {
        var bytes = Traces(Span(), Span(spanId: "00f067aa0ba902b8", name: "GET /xyz")).ToByteArray();
        var at = bytes.AsSpan().IndexOf("GET /xyz"u8);
        bytes[at + 5] = 0xFF;
        var result = OtlpTraceDecoder.DecodeProtobuf(bytes, Now);
        Assert.Equal("resourceSpans[0].scopeSpans[0].spans[1].name: invalid UTF-8 in a protobuf string", result.FatalError);
    }

    [Fact]
    public void InvalidUtf8InAnAttributeValueIsFatal()
    {
        var span = Span();
        span.Attributes.Add(Kv("a", "ok"));
        span.Attributes.Add(Kv("b", "xyz"));
        var bytes = Traces(span).ToByteArray();
        bytes[bytes.AsSpan().IndexOf("xyz"u8)] = 0xC3; // a lead byte without its continuation
        var result = OtlpTraceDecoder.DecodeProtobuf(bytes, Now);
        Assert.Equal("resourceSpans[0].scopeSpans[0].spans[0].attributes[1].value.stringValue: invalid UTF-8 in a protobuf string", result.FatalError);
    }

    [Fact]
    public void AGenuineReplacementCharacterIsAccepted()
    {
        var record = Assert.Single(Decode(Traces(Span(name: "GET /\uFFFD"))).Records);
        Assert.Equal("GET /\uFFFD", record.Endpoint);
    }
}
