using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Portal.Core.Otlp.Proto.Common.V1;

namespace Portal.Core.Ingest.Otlp.Wire;

/// <summary>
/// Writes OTLP attributes (KeyValue and AnyValue messages on the wire) as one compact JSON object, straight from their
/// UTF-8 bytes, enforcing the limits: strings, booleans and integers as themselves, doubles as numbers (NaN and
/// infinities as strings, as protobuf's JSON mapping does), arrays as arrays, key-value lists as objects, bytes as
/// base64, an empty value as null.
/// </summary>
internal static class WireAttributes
{
    private const uint KeyTag = KeyValue.KeyFieldNumber << 3 | ProtoReader.LengthDelimited;
    private const uint ValueTag = KeyValue.ValueFieldNumber << 3 | ProtoReader.LengthDelimited;
    private const uint StringTag = AnyValue.StringValueFieldNumber << 3 | ProtoReader.LengthDelimited;
    private const uint BoolTag = AnyValue.BoolValueFieldNumber << 3 | ProtoReader.Varint;
    private const uint IntTag = AnyValue.IntValueFieldNumber << 3 | ProtoReader.Varint;
    private const uint DoubleTag = AnyValue.DoubleValueFieldNumber << 3 | ProtoReader.Fixed64;
    private const uint ArrayTag = AnyValue.ArrayValueFieldNumber << 3 | ProtoReader.LengthDelimited;
    private const uint KvlistTag = AnyValue.KvlistValueFieldNumber << 3 | ProtoReader.LengthDelimited;
    private const uint BytesTag = AnyValue.BytesValueFieldNumber << 3 | ProtoReader.LengthDelimited;
    private const uint ValuesTag = ArrayValue.ValuesFieldNumber << 3 | ProtoReader.LengthDelimited; // same number in KeyValueList

    // Protobuf parsers stop at 100 levels of nesting; attribute values never need that many.
    private const int MaxDepth = 64;

    /// <summary>Writes the attributes stored at <paramref name="ranges"/> of <paramref name="owner"/> as a JSON object.</summary>
    public static FieldError? WriteObject(Utf8JsonWriter writer, ReadOnlySpan<byte> owner, List<Range> ranges, IngestLimits limits)
    {
        if (ranges.Count > limits.MaxAttributesPerRecord)
            return new("attributes", $"must have at most {limits.MaxAttributesPerRecord} entries, got {ranges.Count}");
        writer.WriteStartObject();
        for (var i = 0; i < ranges.Count; i++)
        {
            ReadKeyValue(owner[ranges[i]], out var key, out var value);
            if (KeyError(key, limits) is { } keyError) return keyError with { Field = $"attributes[{i}].{keyError.Field}" };
            writer.WritePropertyName(key);
            if (WriteValue(writer, value, limits, 0) is { } valueError)
                return valueError.Fatal
                    ? valueError.Under($"attributes[{i}].value")
                    : new($"attributes[{i}].value", $"{valueError.Reason} (key \"{Encoding.UTF8.GetString(key)}\")");
        }
        writer.WriteEndObject();
        return null;
    }

    public static void ReadKeyValue(ReadOnlySpan<byte> keyValue, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        key = default;
        value = default;
        var reader = new ProtoReader(keyValue);
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == KeyTag) key = reader.ReadBytes();
            else if (tag == ValueTag) value = reader.ReadBytes();
            else reader.Skip(tag);
        }
    }

    /// <summary>
    /// Writes one AnyValue. Returns a rejection reason for a broken limit, or a fatal error whose field is the path
    /// inside the value (e.g. <c>arrayValue.values[1].stringValue</c>).
    /// </summary>
    public static FieldError? WriteValue(Utf8JsonWriter writer, ReadOnlySpan<byte> anyValue, IngestLimits limits, int depth)
    {
        var member = ReadMember(anyValue, out var bytes, out var scalar);
        switch (member)
        {
            case StringTag:
                if (Utf8Text.Check(bytes, limits.MaxAttributeValueLength, "stringValue") is { } stringError) return stringError;
                writer.WriteStringValue(bytes);
                return null;
            case BoolTag:
                writer.WriteBooleanValue(scalar != 0);
                return null;
            case IntTag:
                writer.WriteNumberValue((long)scalar);
                return null;
            case DoubleTag:
                var number = BitConverter.UInt64BitsToDouble(scalar);
                if (double.IsFinite(number)) writer.WriteNumberValue(number);
                else writer.WriteStringValue(double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
                return null;
            case BytesTag:
                var base64Length = (bytes.Length + 2) / 3 * 4;
                if (base64Length > limits.MaxAttributeValueLength)
                    return new("bytesValue", $"must be at most {limits.MaxAttributeValueLength} characters as base64, got {base64Length}");
                writer.WriteBase64StringValue(bytes);
                return null;
            case ArrayTag:
                if (depth == MaxDepth) throw new ProtobufFormatException($"attribute values nested deeper than {MaxDepth} levels");
                writer.WriteStartArray();
                var items = new ProtoReader(bytes);
                for (var j = 0; !items.End;)
                {
                    var tag = items.ReadTag();
                    if (tag != ValuesTag)
                    {
                        items.Skip(tag);
                        continue;
                    }
                    if (WriteValue(writer, items.ReadBytes(), limits, depth + 1) is { } itemError) return itemError.Under($"arrayValue.values[{j}]");
                    j++;
                }
                writer.WriteEndArray();
                return null;
            case KvlistTag:
                if (depth == MaxDepth) throw new ProtobufFormatException($"attribute values nested deeper than {MaxDepth} levels");
                writer.WriteStartObject();
                var pairs = new ProtoReader(bytes);
                for (var j = 0; !pairs.End;)
                {
                    var tag = pairs.ReadTag();
                    if (tag != ValuesTag)
                    {
                        pairs.Skip(tag);
                        continue;
                    }
                    ReadKeyValue(pairs.ReadBytes(), out var key, out var value);
                    if (KeyError(key, limits) is { } keyError)
                        return keyError.Fatal ? keyError.Under($"kvlistValue.values[{j}]") : keyError with { Reason = $"nested key {keyError.Reason}" };
                    writer.WritePropertyName(key);
                    if (WriteValue(writer, value, limits, depth + 1) is { } valueError) return valueError.Under($"kvlistValue.values[{j}].value");
                    j++;
                }
                writer.WriteEndObject();
                return null;
            default:
                writer.WriteNullValue();
                return null;
        }
    }

    /// <summary>
    /// The value as plain text when it is a scalar (a status code may be an int or a string), else null; invalid UTF-8
    /// is reported through <paramref name="error"/>.
    /// </summary>
    public static string? ScalarText(ReadOnlySpan<byte> anyValue, Utf8StringCache strings, out FieldError? error)
    {
        error = null;
        switch (ReadMember(anyValue, out var bytes, out var scalar))
        {
            case StringTag:
                if (!Utf8.IsValid(bytes))
                {
                    error = new("value.stringValue", Utf8Text.InvalidUtf8, Fatal: true);
                    return null;
                }
                return strings.Get(bytes);
            case IntTag:
                Span<byte> digits = stackalloc byte[20];
                ((long)scalar).TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
                return strings.Get(digits[..written]);
            case BoolTag:
                return scalar != 0 ? "true" : "false";
            case DoubleTag:
                return BitConverter.UInt64BitsToDouble(scalar).ToString("R", CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }

    /// <summary>True when the value is a string (its UTF-8 bytes in <paramref name="utf8"/>); false for any other or no value.</summary>
    public static bool IsString(ReadOnlySpan<byte> anyValue, out ReadOnlySpan<byte> utf8) => ReadMember(anyValue, out utf8, out _) == StringTag;

    /// <summary>True when no member of the value is set (an absent log body).</summary>
    public static bool IsEmpty(ReadOnlySpan<byte> anyValue) => ReadMember(anyValue, out _, out _) == 0;

    /// <summary>The oneof member that is set (the last one on the wire wins, as in protobuf), with its content.</summary>
    private static uint ReadMember(ReadOnlySpan<byte> anyValue, out ReadOnlySpan<byte> bytes, out ulong scalar)
    {
        uint member = 0;
        bytes = default;
        scalar = 0;
        var reader = new ProtoReader(anyValue);
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case StringTag or ArrayTag or KvlistTag or BytesTag:
                    member = tag;
                    bytes = reader.ReadBytes();
                    break;
                case BoolTag or IntTag:
                    member = tag;
                    scalar = reader.ReadVarint();
                    break;
                case DoubleTag:
                    member = tag;
                    scalar = reader.ReadFixed64();
                    break;
                default:
                    reader.Skip(tag);
                    break;
            }
        }
        return member;
    }

    private static FieldError? KeyError(ReadOnlySpan<byte> key, IngestLimits limits) =>
        key.IsEmpty ? new("key", "required") : Utf8Text.Check(key, limits.MaxAttributeKeyLength, "key");
}
