using System.Text.Json;
using Portal.Core.Records;

namespace Portal.Core.Ingest.Native;

/// <summary>Field rules shared by native call records and native log lines.</summary>
internal static class NativeFields
{
    public static FieldError? Time(string? text, DateTime nowUtc, IngestLimits limits, string field, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrEmpty(text)) return new(field, "required");
        if (!Rfc3339.TryParse(text, out utc)) return new(field, $"{Rfc3339.Expected}, got \"{Checks.Clip(text)}\"");
        return Checks.Time(utc, nowUtc, limits) is { } reason ? new(field, reason) : null;
    }

    /// <summary>An optional trace id: absent, empty or all zeros is "not linked"; anything else must be 32 hex digits.</summary>
    public static FieldError? OptionalTraceId(string? text, string field, out TraceId? id)
    {
        id = null;
        if (string.IsNullOrEmpty(text)) return null;
        if (!TraceId.TryParse(text, out var parsed)) return new(field, $"must be 32 hex digits, got \"{Checks.Clip(text)}\"");
        if (!parsed.IsEmpty) id = parsed;
        return null;
    }

    /// <summary>An optional span id: absent, empty or all zeros is "none"; anything else must be 16 hex digits.</summary>
    public static FieldError? OptionalSpanId(string? text, string field, out SpanId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text)) return null;
        return SpanId.TryParse(text, out id) ? null : new(field, $"must be 16 hex digits, got \"{Checks.Clip(text)}\"");
    }

    /// <summary>Writes the attributes as a JSON object (null when there are none); only strings, numbers and booleans.</summary>
    public static FieldError? Attributes(List<NativeAttribute>? attributes, JsonScratch json, IngestLimits limits, out string? result)
    {
        result = null;
        if (attributes is null || attributes.Count == 0) return null;
        if (attributes.Count > limits.MaxAttributesPerRecord)
            return new("attributes", $"must have at most {limits.MaxAttributesPerRecord} entries, got {attributes.Count}");
        var writer = json.Start();
        writer.WriteStartObject();
        foreach (var attribute in attributes)
        {
            if (Checks.Text(attribute.Key, limits.MaxAttributeKeyLength) is { } keyError) return new("attributes", $"key \"{Checks.Clip(attribute.Key)}\" {keyError}");
            switch (attribute.Kind)
            {
                case JsonTokenType.String:
                    if (Checks.Length(attribute.Text!, limits.MaxAttributeValueLength) is { } lengthError) return new($"attributes.{attribute.Key}", lengthError);
                    writer.WriteString(attribute.Key, attribute.Text);
                    break;
                case JsonTokenType.Number:
                    writer.WritePropertyName(attribute.Key);
                    writer.WriteRawValue(attribute.Text!, skipInputValidation: true);
                    break;
                case JsonTokenType.True:
                case JsonTokenType.False:
                    writer.WriteBoolean(attribute.Key, attribute.Kind == JsonTokenType.True);
                    break;
                default:
                    return new($"attributes.{attribute.Key}", "must be a string, number or boolean");
            }
        }
        writer.WriteEndObject();
        result = json.Finish();
        return null;
    }
}
