using System.Globalization;
using System.Text.Json;
using Google.Protobuf.Collections;
using Portal.Core.Otlp.Proto.Common.V1;

namespace Portal.Core.Ingest.Otlp;

/// <summary>
/// Writes OTLP attributes as one compact JSON object while enforcing the limits: strings, booleans and integers as
/// themselves, doubles as numbers (NaN and infinities as strings, as protobuf's JSON mapping does), arrays as arrays,
/// key-value lists as objects, bytes as base64 strings, an empty value as null.
/// </summary>
internal static class OtlpAttributes
{
    public static FieldError? WriteObject(Utf8JsonWriter writer, RepeatedField<KeyValue> attributes, IngestLimits limits)
    {
        if (attributes.Count > limits.MaxAttributesPerRecord)
            return new("attributes", $"must have at most {limits.MaxAttributesPerRecord} entries, got {attributes.Count}");
        writer.WriteStartObject();
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            if (KeyError(attribute.Key, limits) is { } keyError) return new($"attributes[{i}].key", keyError);
            writer.WritePropertyName(attribute.Key);
            if (WriteValue(writer, attribute.Value, limits) is { } valueError)
                return new($"attributes[{i}].value", $"{valueError} (key \"{attribute.Key}\")");
        }
        writer.WriteEndObject();
        return null;
    }

    /// <summary>Writes one value; returns the reason it breaks a limit, or null.</summary>
    public static string? WriteValue(Utf8JsonWriter writer, AnyValue? value, IngestLimits limits)
    {
        switch (value?.ValueCase ?? AnyValue.ValueOneofCase.None)
        {
            case AnyValue.ValueOneofCase.StringValue:
                if (Checks.Length(value!.StringValue, limits.MaxAttributeValueLength) is { } lengthError) return lengthError;
                writer.WriteStringValue(value.StringValue);
                return null;
            case AnyValue.ValueOneofCase.BoolValue:
                writer.WriteBooleanValue(value!.BoolValue);
                return null;
            case AnyValue.ValueOneofCase.IntValue:
                writer.WriteNumberValue(value!.IntValue);
                return null;
            case AnyValue.ValueOneofCase.DoubleValue:
                WriteDouble(writer, value!.DoubleValue);
                return null;
            case AnyValue.ValueOneofCase.BytesValue:
                var bytes = value!.BytesValue.Span;
                var base64Length = (bytes.Length + 2) / 3 * 4;
                if (base64Length > limits.MaxAttributeValueLength)
                    return $"must be at most {limits.MaxAttributeValueLength} characters as base64, got {base64Length}";
                writer.WriteBase64StringValue(bytes);
                return null;
            case AnyValue.ValueOneofCase.ArrayValue:
                writer.WriteStartArray();
                foreach (var item in value!.ArrayValue.Values)
                    if (WriteValue(writer, item, limits) is { } itemError) return itemError;
                writer.WriteEndArray();
                return null;
            case AnyValue.ValueOneofCase.KvlistValue:
                writer.WriteStartObject();
                foreach (var pair in value!.KvlistValue.Values)
                {
                    if (KeyError(pair.Key, limits) is { } keyError) return $"nested key {keyError}";
                    writer.WritePropertyName(pair.Key);
                    if (WriteValue(writer, pair.Value, limits) is { } pairError) return pairError;
                }
                writer.WriteEndObject();
                return null;
            default:
                writer.WriteNullValue();
                return null;
        }
    }

    /// <summary>The value as plain text when it is a scalar (a status code may arrive as an int or a string), else null.</summary>
    public static string? ScalarText(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string? KeyError(string key, IngestLimits limits) => Checks.Text(key, limits.MaxAttributeKeyLength);

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }
}
