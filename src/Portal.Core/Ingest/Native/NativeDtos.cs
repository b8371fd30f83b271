using System.Text.Json.Serialization;

namespace Portal.Core.Ingest.Native;

// The wire shapes of the platform SDK's native JSON (docs/native-formats.md). Every field is nullable so that a missing
// field rejects one record with a precise message; a field of the wrong JSON type makes the payload malformed.

internal sealed class NativeCallRecordBatch
{
    public List<NativeCallRecord?>? Records { get; set; }
}

internal sealed class NativeCallRecord
{
    public string? TraceId { get; set; }
    public string? SpanId { get; set; }
    public string? ParentSpanId { get; set; }
    public string? Service { get; set; }
    public string? Interface { get; set; }
    public string? Instance { get; set; }
    public string? StartTime { get; set; }
    public double? DurationMs { get; set; }
    public string? ResultCode { get; set; }
    public bool? Success { get; set; }
    public string? Message { get; set; }
    public string? Scenario { get; set; }
    public string? Kind { get; set; }

    [JsonConverter(typeof(NativeAttributesConverter))]
    public List<NativeAttribute>? Attributes { get; set; }
}

internal sealed class NativeLogBatch
{
    public List<NativeLogLine?>? Logs { get; set; }
}

internal sealed class NativeLogLine
{
    public string? Time { get; set; }
    public string? Service { get; set; }
    public string? Instance { get; set; }
    public string? Level { get; set; }
    public string? Message { get; set; }
    public string? TraceId { get; set; }
    public string? SpanId { get; set; }

    [JsonConverter(typeof(NativeAttributesConverter))]
    public List<NativeAttribute>? Attributes { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 16)]
[JsonSerializable(typeof(NativeCallRecordBatch))]
[JsonSerializable(typeof(NativeLogBatch))]
internal sealed partial class NativeJsonContext : JsonSerializerContext;
