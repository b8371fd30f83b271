namespace Portal.Tests.Reliability.Fuzz;

/// <summary>Valid templates of every JSON ingest format (OTLP/JSON, native call records and log lines, CloudEvents), with the ids they carry.</summary>
public static class JsonCases
{
    public static FuzzCase OtlpJson(int index, Random random)
    {
        var traceId = Guid.NewGuid().ToString("N");
        var text = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":%service%}}]},"scopeSpans":[{"spans":[
            {"traceId":"TRACE","spanId":%spanId%,"name":%name%,"kind":%kind%,"startTimeUnixNano":%start%,"endTimeUnixNano":%end%,
             "attributes":[{"key":"v","value":%value%},{"key":"w","value":{"doubleValue":%double%}}],"status":{"code":%code%,"message":"é"}}]}]}]}
            """.Replace("TRACE", traceId);
        var now = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        return new JsonTemplate("otlp-json", "/v1/traces", "application/json", text, new Dictionary<string, string>
        {
            ["service"] = "\"fuzz-otlp-json\"", ["spanId"] = $"\"{SpanId(random)}\"", ["name"] = "\"GET /x\"", ["kind"] = "2",
            ["start"] = $"\"{now}\"", ["end"] = $"\"{now + 1_000_000}\"", ["value"] = "{\"intValue\":\"5\"}", ["double"] = "1.5", ["code"] = "2",
        }).Create(index, random, [traceId], []);
    }

    public static FuzzCase NativeCalls(int index, Random random)
    {
        var traceId = Guid.NewGuid().ToString("N");
        var text = """
            {"records":[{"traceId":%traceId%,"spanId":%spanId%,"service":%service%,"interface":"pay","instance":"fz-1","startTime":%startTime%,
              "durationMs":%durationMs%,"success":%success%,"kind":%kind%,"attributes":{"a":%attribute%}},
             {"traceId":"TRACE","spanId":"SPAN","service":"fuzz-native","interface":"pay","instance":"fz-1","startTime":"NOW","durationMs":1,"success":true}]}
            """.Replace("TRACE", traceId).Replace("SPAN", SpanId(random)).Replace("NOW", DateTime.UtcNow.ToString("O"));
        return new JsonTemplate("native-calls", "/api/ingest/calls", "application/json", text, new Dictionary<string, string>
        {
            ["traceId"] = $"\"{traceId}\"", ["spanId"] = $"\"{SpanId(random)}\"", ["service"] = "\"fuzz-native\"",
            ["startTime"] = $"\"{DateTime.UtcNow:O}\"", ["durationMs"] = "12.5", ["success"] = "false", ["kind"] = "\"client\"", ["attribute"] = "10.5",
        }).Create(index, random, [traceId], []);
    }

    public static FuzzCase NativeLogs(int index, Random random)
    {
        var traceId = Guid.NewGuid().ToString("N");
        var text = """
            {"logs":[{"time":%time%,"service":%service%,"instance":"fz-1","level":%level%,"message":%message%,"traceId":"TRACE","attributes":{"a":%attribute%}}]}
            """.Replace("TRACE", traceId);
        return new JsonTemplate("native-logs", "/api/ingest/logs", "application/json", text, new Dictionary<string, string>
        {
            ["time"] = $"\"{DateTime.UtcNow:O}\"", ["service"] = "\"fuzz-native\"", ["level"] = "\"warn\"",
            ["message"] = $"\"fuzz {Guid.NewGuid():N}\"", ["attribute"] = "\"x\"",
        }).Create(index, random, [traceId], []);
    }

    public static FuzzCase CloudEvents(int index, Random random)
    {
        var first = Guid.NewGuid().ToString("N");
        // Every third batch repeats its first id: a duplicate within one request is stored once, not refused.
        var second = index % 3 == 0 ? first : Guid.NewGuid().ToString("N");
        var text = $$"""
            [{"specversion":%specversion%,"id":%id%,"source":"/fuzz","type":%type%,"time":%time%,"subject":%subject%,"data":%data%,"ext1":%extension%},
             {"specversion":"1.0","id":"{{second}}","source":"/fuzz","type":"com.bank.Fuzz","data_base64":"AAEC"}]
            """;
        return new JsonTemplate("cloudevents", "/api/ingest/events", "application/cloudevents-batch+json", text, new Dictionary<string, string>
        {
            ["specversion"] = "\"1.0\"", ["id"] = $"\"{first}\"", ["type"] = "\"com.bank.Fuzz\"", ["time"] = $"\"{DateTime.UtcNow:O}\"",
            ["subject"] = "\"acc-1\"", ["data"] = "{\"amount\":1.5,\"tags\":[\"a\",null,true]}", ["extension"] = "7",
        }).Create(index, random, [], first == second ? [first] : [first, second]);
    }

    private static string SpanId(Random random) => random.NextInt64(1, long.MaxValue).ToString("x16");
}
