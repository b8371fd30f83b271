using Portal.Core.Ingest;
using Portal.Core.Ingest.Native;
using Portal.Core.Records;
using static Portal.Core.Tests.Ingest.Otlp;

namespace Portal.Core.Tests.Ingest;

public class NativeCallRecordTests
{
    private const string Record = """
        {"traceId":"20250301100000123456789012345678","spanId":"0000000000000002","parentSpanId":"0000000000000001",
         "service":"account-center","interface":"AcctQuery.queryBalance","instance":"10.8.1.17:9001",
         "startTime":"2025-03-01T17:59:58.250+08:00","durationMs":12.345,"resultCode":"0000","success":true,
         "message":"ok","scenario":"TRANSFER","kind":"server","attributes":{"channel":"MOBILE","amount":1250.5,"vip":true}}
        """;

    private static DecodeResult<SpanRecord> Decode(string json, IngestOptions? options = null) =>
        NativeCallRecordDecoder.Decode(Utf8(json), Now, options);

    private static string With(string replace, string by) => $$"""{"records":[{{Record.Replace(replace, by)}}]}""";

    [Fact]
    public void MapsEveryField()
    {
        var result = Decode($$"""{"records":[{{Record}}]}""");
        Assert.Empty(result.Rejections);
        var span = Assert.Single(result.Records);
        Assert.Equal("20250301100000123456789012345678", span.TraceId.ToString());
        Assert.Equal("0000000000000002", span.SpanId.ToString());
        Assert.Equal("0000000000000001", span.ParentSpanId.ToString());
        Assert.Equal("account-center", span.Service);
        Assert.Equal("AcctQuery.queryBalance", span.Endpoint);
        Assert.Equal("10.8.1.17:9001", span.Instance);
        Assert.Equal(new DateTime(2025, 3, 1, 9, 59, 58, 250, DateTimeKind.Utc), span.StartTime);
        Assert.Equal(12_345, span.DurationMicros);
        Assert.Equal("0000", span.StatusCode);
        Assert.False(span.IsError);
        Assert.Equal("ok", span.StatusMessage);
        Assert.Equal("TRANSFER", span.Scenario);
        Assert.Equal(SpanKind.Server, span.Kind);
        Assert.Equal("""{"channel":"MOBILE","amount":1250.5,"vip":true}""", span.AttributesJson);
        Assert.Null(span.EventsJson);
    }

    [Fact]
    public void MinimalRootRecordTakesItsInterfaceAsScenario()
    {
        var json = """
            {"records":[{"traceId":"20250301100000123456789012345678","spanId":"0000000000000001","parentSpanId":null,
              "service":"channel","interface":"Transfer.submit","instance":"c1","startTime":"2025-03-01T09:59:59Z",
              "durationMs":3,"success":false,"resultCode":"E1001","kind":"CLIENT"}]}
            """;
        var span = Assert.Single(Decode(json).Records);
        Assert.Null(span.ParentSpanId);
        Assert.Equal("Transfer.submit", span.Scenario);
        Assert.True(span.IsError);
        Assert.Equal("E1001", span.StatusCode);
        Assert.Equal(SpanKind.Client, span.Kind);
        Assert.Null(span.StatusMessage);
        Assert.Null(span.AttributesJson);
    }

    [Fact]
    public void ChildWithoutScenarioHasNoneAndKindDefaultsToServer()
    {
        var span = Assert.Single(Decode(With("\"scenario\":\"TRANSFER\",\"kind\":\"server\",", "")).Records);
        Assert.Null(span.Scenario);
        Assert.Equal(SpanKind.Server, span.Kind);
    }

    [Theory]
    [InlineData("\"traceId\":\"20250301100000123456789012345678\"", "\"traceId\":\"abc\"", "traceId: must be 32 hex digits, got \"abc\"")]
    [InlineData("\"traceId\":\"20250301100000123456789012345678\"", "\"traceId\":\"00000000000000000000000000000000\"", "traceId: must not be all zeros")]
    [InlineData("\"traceId\":\"20250301100000123456789012345678\",", "", "traceId: required")]
    [InlineData("\"spanId\":\"0000000000000002\"", "\"spanId\":\"0000000000000000\"", "spanId: must not be all zeros")]
    [InlineData("\"spanId\":\"0000000000000002\"", "\"spanId\":\"2\"", "spanId: must be 16 hex digits, got \"2\"")]
    [InlineData("\"parentSpanId\":\"0000000000000001\"", "\"parentSpanId\":\"xyz\"", "parentSpanId: must be 16 hex digits, got \"xyz\"")]
    [InlineData("\"service\":\"account-center\",", "", "service: required")]
    [InlineData("\"interface\":\"AcctQuery.queryBalance\"", "\"interface\":\"\"", "interface: required")]
    [InlineData("\"instance\":\"10.8.1.17:9001\",", "", "instance: required")]
    [InlineData("2025-03-01T17:59:58.250+08:00", "2025-03-01T17:59:58.250", "startTime: must be an RFC 3339 date-time with an offset, e.g. 2024-05-01T08:30:00.123+08:00, got \"2025-03-01T17:59:58.250\"")]
    [InlineData("2025-03-01T17:59:58.250+08:00", "2025-02-01T17:59:58.250+08:00", "startTime: 2025-02-01T09:59:58.25Z is more than 7 days before now (2025-03-01T10:00:00Z)")]
    [InlineData("\"durationMs\":12.345", "\"durationMs\":-1", "durationMs: must not be negative, got -1")]
    [InlineData("\"durationMs\":12.345,", "", "durationMs: required")]
    [InlineData("\"success\":true,", "", "success: required")]
    [InlineData("\"kind\":\"server\"", "\"kind\":\"rpc\"", "kind: must be one of server, client, producer, consumer, internal, got \"rpc\"")]
    [InlineData("\"vip\":true", "\"vip\":{\"level\":3}", "attributes.vip: must be a string, number or boolean")]
    [InlineData("\"vip\":true", "\"vip\":null", "attributes.vip: must be a string, number or boolean")]
    public void RejectsABadRecordWithAPreciseMessage(string replace, string by, string expected)
    {
        var result = Decode($$"""{"records":[{{Record}},{{Record.Replace(replace, by)}}]}""");
        Assert.Single(result.Records);
        Assert.Equal($"records[1].{expected}", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public void EnforcesLimits()
    {
        var options = IngestOptions.Default with { Limits = IngestLimits.Default with { MaxServiceLength = 3, MaxAttributesPerRecord = 2 } };
        Assert.Equal("records[0].service: must be at most 3 characters, got 14", Assert.Single(Decode($$"""{"records":[{{Record}}]}""", options).Rejections).Message);
        var options2 = IngestOptions.Default with { Limits = IngestLimits.Default with { MaxAttributesPerRecord = 2 } };
        Assert.Equal("records[0].attributes: must have at most 2 entries, got 3", Assert.Single(Decode($$"""{"records":[{{Record}}]}""", options2).Rejections).Message);
    }

    [Fact]
    public void ANullRecordIsRejected()
    {
        Assert.Equal("records[0]: must be a JSON object", Assert.Single(Decode("""{"records":[null]}""").Rejections).Message);
    }

    [Theory]
    [InlineData("""{"records":{}}""", "invalid JSON: ")]
    [InlineData("""{"records":[{"durationMs":"12"}]}""", "invalid JSON: ")]
    [InlineData("""{"records":[{"attributes":[]}]}""", "invalid JSON: attributes must be a JSON object")]
    [InlineData("""{"records":[""", "invalid JSON: ")]
    [InlineData("""{"items":[]}""", "payload must have a \"records\" array")]
    [InlineData("null", "payload must be a JSON object")]
    [InlineData(" ", "payload is empty")]
    public void MalformedPayloadsAreFatal(string json, string expectedStart)
    {
        var result = Decode(json);
        Assert.StartsWith(expectedStart, result.FatalError);
        Assert.Empty(result.Records);
    }

    [Fact]
    public void WrongTypeMessageNamesThePath()
    {
        Assert.Contains("$.records[0].durationMs", Decode("""{"records":[{"durationMs":"12"}]}""").FatalError);
    }

    [Fact]
    public void TooManyRecordsIsFatal()
    {
        var options = IngestOptions.Default with { Limits = IngestLimits.Default with { MaxRecordsPerBatch = 1 } };
        Assert.Equal("payload has 2 records; at most 1 are accepted per request", Decode($$"""{"records":[{{Record}},{{Record}}]}""", options).FatalError);
    }
}
