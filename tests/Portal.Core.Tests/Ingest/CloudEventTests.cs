using Portal.Core.Ingest;
using Portal.Core.Ingest.CloudEvents;
using Portal.Core.Records;
using static Portal.Core.Tests.Ingest.Otlp;

namespace Portal.Core.Tests.Ingest;

public class CloudEventTests
{
    private const string OrderCreated = """
        {"specversion":"1.0","id":"evt-0001","source":"/bank/payment/transfer","type":"com.bank.transfer.created",
         "time":"2025-03-01T17:59:30+08:00","subject":"TX20250301000042","datacontenttype":"application/json",
         "dataschema":"https://schemas.bank.local/transfer/v1","traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
         "data":{"amount":1250.5,"currency":"CNY","to":["6222****1234"]}}
        """;

    private static DecodeResult<EventRecord> Structured(string json) => CloudEventDecoder.DecodeStructured(Utf8(json), Now);

    private static DecodeResult<EventRecord> Batch(string json) => CloudEventDecoder.DecodeBatch(Utf8(json), Now);

    [Fact]
    public void MapsAStructuredEvent()
    {
        var result = Structured(OrderCreated);
        Assert.Empty(result.Rejections);
        var e = Assert.Single(result.Records);
        Assert.Equal("evt-0001", e.Id);
        Assert.Equal("/bank/payment/transfer", e.Source);
        Assert.Equal("com.bank.transfer.created", e.Type);
        Assert.Equal(new DateTime(2025, 3, 1, 9, 59, 30, DateTimeKind.Utc), e.Time);
        Assert.Equal("TX20250301000042", e.Subject);
        Assert.Equal("application/json", e.DataContentType);
        Assert.Equal("""{"amount":1250.5,"currency":"CNY","to":["6222****1234"]}""", e.DataJson);
    }

    [Fact]
    public void MinimalEventTakesNowAndHasNoData()
    {
        var e = Assert.Single(Structured("""{"specversion":"1.0","id":"n1","source":"urn:node:7","type":"NodeDown","subject":null}""").Records);
        Assert.Equal(Now, e.Time);
        Assert.Null(e.Subject);
        Assert.Null(e.DataContentType);
        Assert.Null(e.DataJson);
    }

    [Fact]
    public void BinaryDataIsKeptAsABase64JsonString()
    {
        var e = Assert.Single(Structured("""{"specversion":"1.0","id":"b","source":"s","type":"t","datacontenttype":"application/octet-stream","data_base64":"AQID"}""").Records);
        Assert.Equal("\"AQID\"", e.DataJson);
        Assert.Equal("application/octet-stream", e.DataContentType);
    }

    [Fact]
    public void ScalarDataIsKeptAsJson()
    {
        Assert.Equal("\"<xml/>\"", Assert.Single(Structured("""{"specversion":"1.0","id":"x","source":"s","type":"t","datacontenttype":"text/xml","data":"<xml/>"}""").Records).DataJson);
    }

    [Fact]
    public void ABatchKeepsGoodEventsAndNamesBadOnesByIndex()
    {
        var json = $$"""[{{OrderCreated}}, 42, {"specversion":"1.0","source":"s","type":"t"}, {"specversion":"1.0","id":"ok","source":"s","type":"t"}]""";
        var result = Batch(json);
        Assert.Equal(["evt-0001", "ok"], result.Records.Select(r => r.Id));
        Assert.Equal(["[1]: must be a JSON object", "[2].id: required"], result.Rejections.Select(r => r.Message));
    }

    [Fact]
    public void AnEmptyBatchIsFine()
    {
        var result = Batch("[]");
        Assert.False(result.IsFatal);
        Assert.Empty(result.Records);
    }

    [Theory]
    [InlineData("""{"id":"1","source":"s","type":"t"}""", "specversion: required")]
    [InlineData("""{"specversion":"0.3","id":"1","source":"s","type":"t"}""", "specversion: must be \"1.0\", got \"0.3\"")]
    [InlineData("""{"specversion":1.0,"id":"1","source":"s","type":"t"}""", "specversion: must be a string")]
    [InlineData("""{"specversion":"1.0","id":"","source":"s","type":"t"}""", "id: required")]
    [InlineData("""{"specversion":"1.0","id":7,"source":"s","type":"t"}""", "id: must be a string")]
    [InlineData("""{"specversion":"1.0","id":"1","type":"t"}""", "source: required")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"http://[::1","type":"t"}""", "source: must be a URI-reference, got \"http://[::1\"")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s"}""", "type: required")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","time":"2025-03-01 10:00"}""", "time: must be an RFC 3339 date-time with an offset, e.g. 2024-05-01T08:30:00.123+08:00, got \"2025-03-01 10:00\"")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","time":"2024-03-01T10:00:00Z"}""", "time: 2024-03-01T10:00:00Z is more than 7 days before now (2025-03-01T10:00:00Z)")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","subject":""}""", "subject: required")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","datacontenttype":"json"}""", "datacontenttype: must be a media type such as application/json, got \"json\"")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","dataschema":"v1"}""", "dataschema: must be an absolute URI, got \"v1\"")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","data":{},"data_base64":"AQID"}""", "data_base64: must not be present together with data")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","data_base64":"not base64!"}""", "data_base64: must be base64")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","TraceParent":"x"}""", "TraceParent: extension attribute names must be lower-case letters (a-z) and digits (0-9)")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","region":{"a":1}}""", "region: an extension attribute must be a string, number or boolean")]
    public void RejectsAnInvalidEventWithThePreciseAttribute(string json, string expected)
    {
        var result = Structured(json);
        Assert.Empty(result.Records);
        Assert.Equal(expected, Assert.Single(result.Rejections).Message);
        Assert.Equal($"[0].{expected}", Assert.Single(Batch($"[{json}]").Rejections).Message);
    }

    [Fact]
    public void EnforcesLimits()
    {
        var options = IngestOptions.Default with { Limits = IngestLimits.Default with { MaxEventDataLength = 10, MaxAttributeValueLength = 20 } };
        var result = CloudEventDecoder.DecodeStructured(Utf8(OrderCreated), Now, options);
        Assert.Equal("source: must be at most 20 characters, got 22", Assert.Single(result.Rejections).Message);
        var small = """{"specversion":"1.0","id":"1","source":"s","type":"t","data":[1,2,3,4,5,6]}""";
        Assert.Equal("data: must be at most 10 characters, got 13", Assert.Single(CloudEventDecoder.DecodeStructured(Utf8(small), Now, options).Rejections).Message);
    }

    [Theory]
    [InlineData("[]", false, "a structured-mode CloudEvent must be a JSON object")]
    [InlineData("{}", true, "a batch of CloudEvents must be a JSON array")]
    [InlineData("{} {}", false, "invalid JSON: ")]
    [InlineData("{\"id\":", false, "invalid JSON: ")]
    [InlineData("", true, "payload is empty")]
    public void WrongTopLevelShapesAreFatal(string json, bool batch, string expectedStart)
    {
        var result = batch ? Batch(json) : Structured(json);
        Assert.StartsWith(expectedStart, result.FatalError);
    }

    [Fact]
    public void TooManyEventsIsFatal()
    {
        var options = IngestOptions.Default with { Limits = IngestLimits.Default with { MaxRecordsPerBatch = 1 } };
        Assert.Equal("payload has more than 1 events; at most 1 are accepted per request",
            CloudEventDecoder.DecodeBatch(Utf8($"[{OrderCreated},{OrderCreated}]"), Now, options).FatalError);
    }

    [Fact]
    public void InvalidUtf8IsFatal()
    {
        var bytes = Utf8(OrderCreated);
        bytes[10] = 0xC0;
        Assert.StartsWith("payload is not valid UTF-8", CloudEventDecoder.DecodeStructured(bytes, Now).FatalError);
    }
}
