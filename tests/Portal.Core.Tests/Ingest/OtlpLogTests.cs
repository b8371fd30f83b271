using Google.Protobuf;
using Portal.Core.Ingest;
using Portal.Core.Ingest.Otlp;
using Portal.Core.Otlp.Proto.Common.V1;
using Portal.Core.Otlp.Proto.Logs.V1;
using Portal.Core.Records;
using static Portal.Core.Tests.Ingest.Otlp;
using LogRecord = Portal.Core.Otlp.Proto.Logs.V1.LogRecord;

namespace Portal.Core.Tests.Ingest;

public class OtlpLogTests
{
    private static DecodeResult<Records.LogRecord> Decode(params LogRecord[] logs) =>
        OtlpLogDecoder.DecodeProtobuf(Logs(logs).ToByteArray(), Now);

    [Fact]
    public void MapsEveryField()
    {
        var log = Log("transfer 42 accepted");
        log.SeverityNumber = SeverityNumber.Warn2;
        log.TraceId = Bytes("4bf92f3577b34da6a3ce929d0e0e4736");
        log.SpanId = Bytes("00f067aa0ba902b7");
        log.Attributes.Add(Kv("account", "6222****1234"));
        log.Attributes.Add(Kv("amount", 500));

        var result = OtlpLogDecoder.DecodeProtobuf(Logs(Resource(Kv("service.name", "payment"), Kv("service.instance.id", "payment-1")), log).ToByteArray(), Now);

        Assert.Empty(result.Rejections);
        var record = Assert.Single(result.Records);
        Assert.Equal(Now.AddSeconds(-2), record.Time);
        Assert.Equal("payment", record.Service);
        Assert.Equal("payment-1", record.Instance);
        Assert.Equal(LogLevel.Warn, record.Level);
        Assert.Equal("transfer 42 accepted", record.Message);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", record.TraceId.ToString());
        Assert.Equal("00f067aa0ba902b7", record.SpanId.ToString());
        Assert.Equal("""{"account":"6222****1234","amount":500}""", record.AttributesJson);
    }

    [Theory]
    [InlineData(1, LogLevel.Trace)]
    [InlineData(4, LogLevel.Trace)]
    [InlineData(5, LogLevel.Debug)]
    [InlineData(8, LogLevel.Debug)]
    [InlineData(9, LogLevel.Info)]
    [InlineData(12, LogLevel.Info)]
    [InlineData(13, LogLevel.Warn)]
    [InlineData(16, LogLevel.Warn)]
    [InlineData(17, LogLevel.Error)]
    [InlineData(20, LogLevel.Error)]
    [InlineData(21, LogLevel.Fatal)]
    [InlineData(24, LogLevel.Fatal)]
    public void SeverityNumbersMapInBandsOfFour(int number, LogLevel expected)
    {
        var log = Log();
        log.SeverityNumber = (SeverityNumber)number;
        Assert.Equal(expected, Assert.Single(Decode(log).Records).Level);
    }

    [Theory]
    [InlineData("WARNING", LogLevel.Warn)]
    [InlineData("Error", LogLevel.Error)]
    [InlineData("Critical", LogLevel.Fatal)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("", LogLevel.Info)]
    [InlineData("chatty", LogLevel.Info)]
    public void WithoutASeverityNumberTheTextDecides(string text, LogLevel expected)
    {
        var log = Log();
        log.SeverityNumber = SeverityNumber.Unspecified;
        log.SeverityText = text;
        Assert.Equal(expected, Assert.Single(Decode(log).Records).Level);
    }

    [Fact]
    public void ObservedTimeStandsInForAMissingTime()
    {
        var log = Log();
        log.TimeUnixNano = 0;
        log.ObservedTimeUnixNano = Nanos(Now.AddSeconds(-5));
        Assert.Equal(Now.AddSeconds(-5), Assert.Single(Decode(log).Records).Time);
    }

    [Fact]
    public void AStructuredBodyBecomesJsonText()
    {
        var log = Log();
        var body = new KeyValueList();
        body.Values.Add(Kv("event", "login"));
        body.Values.Add(Kv("ok", 1));
        log.Body = new AnyValue { KvlistValue = body };
        Assert.Equal("""{"event":"login","ok":1}""", Assert.Single(Decode(log).Records).Message);
    }

    [Fact]
    public void EmptyOrZeroIdsMeanNotLinked()
    {
        var empty = Log();
        var zeros = Log();
        zeros.TraceId = ByteString.CopyFrom(new byte[16]);
        zeros.SpanId = ByteString.CopyFrom(new byte[8]);
        var result = Decode(empty, zeros);
        Assert.Equal(2, result.Records.Count);
        Assert.All(result.Records, r => Assert.Null(r.TraceId));
        Assert.All(result.Records, r => Assert.Null(r.SpanId));
        Assert.Equal("", Assert.Single(Decode(new LogRecord { TimeUnixNano = Nanos(Now) }).Records).Message);
    }

    public static TheoryData<Action<LogRecord>, string> BadLogs => new()
    {
        { l => l.TraceId = Bytes("0102"), "traceId: must be empty or 16 bytes, got 2" },
        { l => l.SpanId = Bytes("010203"), "spanId: must be empty or 8 bytes, got 3" },
        { l => l.TimeUnixNano = 0, "timeUnixNano: required (observedTimeUnixNano is not set either)" },
        { l => l.TimeUnixNano = Nanos(Now.AddDays(-30)), "timeUnixNano: 2025-01-30T10:00:00Z is more than 7 days before now (2025-03-01T10:00:00Z)" },
        { l => { l.TimeUnixNano = 0; l.ObservedTimeUnixNano = Nanos(Now.AddHours(2)); }, "observedTimeUnixNano: 2025-03-01T12:00:00Z is more than 1 hour after now (2025-03-01T10:00:00Z)" },
        { l => l.SeverityNumber = (SeverityNumber)30, "severityNumber: must be 0-24, got 30" },
        { l => l.Attributes.Add(new KeyValue { Key = "" }), "attributes[0].key: required" },
    };

    [Theory]
    [MemberData(nameof(BadLogs))]
    public void RejectsABadLogRecordWithAPreciseMessage(Action<LogRecord> spoil, string expected)
    {
        var log = Log();
        spoil(log);
        var result = Decode(Log(), log);
        Assert.Single(result.Records);
        Assert.Equal($"resourceLogs[0].scopeLogs[0].logRecords[1].{expected}", Assert.Single(result.Rejections).Message);
        Assert.Equal(1, OtlpResponses.ForLogs(result).PartialSuccess.RejectedLogRecords);
    }

    [Fact]
    public void EnforcesTheMessageLimit()
    {
        var options = IngestOptions.Default with { Limits = IngestLimits.Default with { MaxMessageLength = 4 } };
        var result = OtlpLogDecoder.DecodeProtobuf(Logs(Log("too long")).ToByteArray(), Now, options);
        Assert.Equal("resourceLogs[0].scopeLogs[0].logRecords[0].body: must be at most 4 characters, got 8", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public void InvalidUtf8InTheBodyIsFatal()
    {
        var bytes = Logs(Log("abc")).ToByteArray();
        bytes[bytes.AsSpan().IndexOf("abc"u8) + 1] = 0xFE;
        Assert.Equal("resourceLogs[0].scopeLogs[0].logRecords[0].body.stringValue: invalid UTF-8 in a protobuf string",
            OtlpLogDecoder.DecodeProtobuf(bytes, Now).FatalError);
    }

    [Fact]
    public void TooManyLogRecordsIsFatal()
    {
        var options = IngestOptions.Default with { Limits = IngestLimits.Default with { MaxRecordsPerBatch = 1 } };
        Assert.Equal("payload has 2 log records; at most 1 are accepted per request",
            OtlpLogDecoder.DecodeProtobuf(Logs(Log(), Log()).ToByteArray(), Now, options).FatalError);
    }

    [Fact]
    public void DecodesWhatTheOpenTelemetryJsExporterSends()
    {
        var time = Nanos(Now.AddSeconds(-2));
        var json = $$$"""
        {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"gateway"}},
            {"key":"host.name","value":{"stringValue":"gw-2"}}],"droppedAttributesCount":0},
          "scopeLogs":[{"scope":{"name":"app"},"logRecords":[
            {"timeUnixNano":"{{{time}}}","observedTimeUnixNano":"{{{time}}}","severityNumber":17,"severityText":"ERROR",
             "body":{"stringValue":"card declined"},"attributes":[{"key":"code","value":{"stringValue":"E051"}}],
             "droppedAttributesCount":0,"flags":1,"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7"},
            {"timeUnixNano":"{{{time}}}","severity_number":"SEVERITY_NUMBER_DEBUG","body":{"arrayValue":{"values":[{"intValue":"1"},{"boolValue":false}]}},
             "traceId":"","spanId":""}]}]}]}
        """;
        var result = OtlpLogDecoder.DecodeJson(Utf8(json), Now);

        Assert.Null(result.FatalError);
        Assert.Equal(2, result.Records.Count);
        var first = result.Records[0];
        Assert.Equal("gateway", first.Service);
        Assert.Equal("gw-2", first.Instance);
        Assert.Equal(Now.AddSeconds(-2), first.Time);
        Assert.Equal(LogLevel.Error, first.Level);
        Assert.Equal("card declined", first.Message);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", first.TraceId.ToString());
        Assert.Equal("00f067aa0ba902b7", first.SpanId.ToString());
        Assert.Equal("""{"code":"E051"}""", first.AttributesJson);
        var second = result.Records[1];
        Assert.Equal(LogLevel.Debug, second.Level);
        Assert.Equal("[1,false]", second.Message);
        Assert.Null(second.TraceId);
        Assert.Null(second.SpanId);
    }

    [Theory]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"xyz"}]}]}]}""", "resourceLogs[0].scopeLogs[0].logRecords[0].traceId: must be a hex id, got \"xyz\"")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":"text"}]}]}]}""", "resourceLogs[0].scopeLogs[0].logRecords[0].body: must be a JSON object")]
    [InlineData("""{"resourceLogs":{}}""", "resourceLogs: must be a JSON array")]
    [InlineData("\"logs\"", "payload must be a JSON object with \"resourceLogs\"")]
    public void WrongJsonShapesAreFatal(string json, string expected)
    {
        Assert.Equal(expected, OtlpLogDecoder.DecodeJson(Utf8(json), Now).FatalError);
    }

    [Fact]
    public void AWrongLengthJsonIdIsRejected()
    {
        var json = $$"""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":{{Nanos(Now)}},"spanId":"0102"}]}]}]}""";
        Assert.Equal("resourceLogs[0].scopeLogs[0].logRecords[0].spanId: must be empty or 8 bytes, got 2",
            Assert.Single(OtlpLogDecoder.DecodeJson(Utf8(json), Now).Rejections).Message);
    }
}
