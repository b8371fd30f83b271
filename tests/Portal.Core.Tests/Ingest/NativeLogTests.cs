using Portal.Core.Ingest.Native;
using Portal.Core.Records;
using static Portal.Core.Tests.Ingest.Otlp;

namespace Portal.Core.Tests.Ingest;

public class NativeLogTests
{
    private const string Line = """
        {"time":"2025-03-01T17:59:59.5+08:00","service":"account-center","instance":"10.8.1.17:9001","level":"warn",
         "message":"balance query slow: 850 ms","traceId":"20250301100000123456789012345678","spanId":"0000000000000002",
         "attributes":{"thread":"worker-3","retries":2}}
        """;

    [Fact]
    public void MapsEveryField()
    {
        var result = NativeLogDecoder.Decode(Utf8($$"""{"logs":[{{Line}}]}"""), Now);
        Assert.Empty(result.Rejections);
        var log = Assert.Single(result.Records);
        Assert.Equal(new DateTime(2025, 3, 1, 9, 59, 59, 500, DateTimeKind.Utc), log.Time);
        Assert.Equal("account-center", log.Service);
        Assert.Equal("10.8.1.17:9001", log.Instance);
        Assert.Equal(LogLevel.Warn, log.Level);
        Assert.Equal("balance query slow: 850 ms", log.Message);
        Assert.Equal("20250301100000123456789012345678", log.TraceId.ToString());
        Assert.Equal("0000000000000002", log.SpanId.ToString());
        Assert.Equal("""{"thread":"worker-3","retries":2}""", log.AttributesJson);
    }

    [Fact]
    public void IdsAndAttributesAreOptional()
    {
        var json = """{"logs":[{"time":"2025-03-01T09:59:00Z","service":"s","instance":"i","level":"FATAL","message":"","traceId":null,"spanId":""}]}""";
        var log = Assert.Single(NativeLogDecoder.Decode(Utf8(json), Now).Records);
        Assert.Equal(LogLevel.Fatal, log.Level);
        Assert.Null(log.TraceId);
        Assert.Null(log.SpanId);
        Assert.Null(log.AttributesJson);
    }

    [Theory]
    [InlineData("\"level\":\"warn\"", "\"level\":\"loud\"", "level: must be one of trace, debug, info, warn, error, fatal, got \"loud\"")]
    [InlineData("\"level\":\"warn\",", "", "level: required")]
    [InlineData("\"message\":\"balance query slow: 850 ms\",", "", "message: required")]
    [InlineData("\"service\":\"account-center\",", "", "service: required")]
    [InlineData("\"instance\":\"10.8.1.17:9001\",", "", "instance: required")]
    [InlineData("2025-03-01T17:59:59.5+08:00", "yesterday", "time: must be an RFC 3339 date-time with an offset, e.g. 2024-05-01T08:30:00.123+08:00, got \"yesterday\"")]
    [InlineData("2025-03-01T17:59:59.5+08:00", "2025-03-01T21:00:00+08:00", "time: 2025-03-01T13:00:00Z is more than 1 hour after now (2025-03-01T10:00:00Z)")]
    [InlineData("\"traceId\":\"20250301100000123456789012345678\"", "\"traceId\":\"2025\"", "traceId: must be 32 hex digits, got \"2025\"")]
    [InlineData("\"spanId\":\"0000000000000002\"", "\"spanId\":\"nothex0000000000\"", "spanId: must be 16 hex digits, got \"nothex0000000000\"")]
    [InlineData("\"retries\":2", "\"retries\":[2]", "attributes.retries: must be a string, number or boolean")]
    public void RejectsABadLineWithAPreciseMessage(string replace, string by, string expected)
    {
        var result = NativeLogDecoder.Decode(Utf8($$"""{"logs":[{{Line}},{{Line.Replace(replace, by)}}]}"""), Now);
        Assert.Single(result.Records);
        Assert.Equal($"logs[1].{expected}", Assert.Single(result.Rejections).Message);
    }

    [Theory]
    [InlineData("""{"records":[]}""", "payload must have a \"logs\" array")]
    [InlineData("[]", "invalid JSON: ")]
    public void MalformedPayloadsAreFatal(string json, string expectedStart)
    {
        Assert.StartsWith(expectedStart, NativeLogDecoder.Decode(Utf8(json), Now).FatalError);
    }
}
