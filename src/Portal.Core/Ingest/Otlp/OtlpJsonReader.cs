using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.Reflection;
using Portal.Core.Otlp.Proto.Common.V1;
using Portal.Core.Otlp.Proto.Resource.V1;

namespace Portal.Core.Ingest.Otlp;

/// <summary>
/// Reads OTLP/JSON into the generated protobuf messages, so both encodings share one mapper. OTLP/JSON is not
/// protobuf's canonical JSON: trace and span ids are hex (base64 is accepted too, as some senders use the canonical
/// mapping), enums may be integers or names, 64-bit integers may be numbers or strings, null means absent, unknown
/// fields are ignored. Fields the portal does not store (scope, schema URLs, flags, dropped counts) are skipped.
/// Wrong types raise <see cref="JsonShapeException"/>; malformed JSON raises <see cref="JsonException"/>.
/// </summary>
internal static partial class OtlpJsonReader
{
    // Deep enough for nested attribute values; bounds the reader's recursion.
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 128 };

    private delegate T ReadItem<out T>(ref Utf8JsonReader reader);

    private static readonly JsonFields KeyValueFields = new("key", "value");
    private static readonly JsonFields AnyValueFields = new("stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue");
    private static readonly JsonFields ValuesFields = new("values");
    private static readonly JsonFields ResourceFields = new("attributes");

    /// <summary>Positions the reader on the payload's root object.</summary>
    private static Utf8JsonReader OpenRoot(ReadOnlySpan<byte> json, string expected)
    {
        var reader = new Utf8JsonReader(json, Options);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonShapeException($"payload must be a JSON object with \"{expected}\"");
        return reader;
    }

    /// <summary>Throws if anything but whitespace follows the root object.</summary>
    private static void CloseRoot(ref Utf8JsonReader reader)
    {
        if (reader.Read()) throw new JsonShapeException("unexpected content after the payload");
    }

    /// <summary>
    /// Advances to the next property with a non-null value and positions the reader on that value; false at the end of
    /// the object. The reader must be on the object's start or on the previous value.
    /// </summary>
    private static bool NextField(ref Utf8JsonReader reader, JsonFields fields, out int field)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            field = fields.Match(ref reader);
            reader.Read();
            if (reader.TokenType != JsonTokenType.Null) return true;
        }
        field = -1;
        return false;
    }

    private static void RequireObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonShapeException("must be a JSON object");
    }

    private static void ReadArray<T>(ref Utf8JsonReader reader, RepeatedField<T> into, ReadItem<T> read)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonShapeException("must be a JSON array");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            try
            {
                into.Add(read(ref reader));
            }
            catch (JsonShapeException e)
            {
                throw e.At($"[{into.Count}]");
            }
        }
    }

    private static Resource ReadResource(ref Utf8JsonReader reader)
    {
        RequireObject(ref reader);
        var resource = new Resource();
        while (NextField(ref reader, ResourceFields, out var field))
        {
            try
            {
                if (field == 0) ReadArray(ref reader, resource.Attributes, ReadKeyValue);
                else reader.Skip();
            }
            catch (JsonShapeException e)
            {
                throw e.At(ResourceFields.Name(field));
            }
        }
        return resource;
    }

    private static KeyValue ReadKeyValue(ref Utf8JsonReader reader)
    {
        RequireObject(ref reader);
        var pair = new KeyValue();
        while (NextField(ref reader, KeyValueFields, out var field))
        {
            try
            {
                switch (field)
                {
                    case 0: pair.Key = ReadString(ref reader); break;
                    case 1: pair.Value = ReadAnyValue(ref reader); break;
                    default: reader.Skip(); break;
                }
            }
            catch (JsonShapeException e)
            {
                throw e.At(KeyValueFields.Name(field));
            }
        }
        return pair;
    }

    private static AnyValue ReadAnyValue(ref Utf8JsonReader reader)
    {
        RequireObject(ref reader);
        var value = new AnyValue();
        while (NextField(ref reader, AnyValueFields, out var field))
        {
            try
            {
                switch (field)
                {
                    case 0: value.StringValue = ReadString(ref reader); break;
                    case 1: value.BoolValue = ReadBool(ref reader); break;
                    case 2: value.IntValue = ReadInt64(ref reader); break;
                    case 3: value.DoubleValue = ReadDouble(ref reader); break;
                    case 4:
                        var array = new ArrayValue();
                        ReadValues(ref reader, array.Values, ReadAnyValue);
                        value.ArrayValue = array;
                        break;
                    case 5:
                        var list = new KeyValueList();
                        ReadValues(ref reader, list.Values, ReadKeyValue);
                        value.KvlistValue = list;
                        break;
                    case 6: value.BytesValue = ReadBase64(ref reader); break;
                    default: reader.Skip(); break;
                }
            }
            catch (JsonShapeException e)
            {
                throw e.At(AnyValueFields.Name(field));
            }
        }
        return value;
    }

    /// <summary>The <c>{"values":[...]}</c> wrapper of ArrayValue and KeyValueList.</summary>
    private static void ReadValues<T>(ref Utf8JsonReader reader, RepeatedField<T> into, ReadItem<T> read)
    {
        RequireObject(ref reader);
        while (NextField(ref reader, ValuesFields, out var field))
        {
            try
            {
                if (field == 0) ReadArray(ref reader, into, read);
                else reader.Skip();
            }
            catch (JsonShapeException e)
            {
                throw e.At(ValuesFields.Name(field));
            }
        }
    }

    private static string ReadString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonShapeException("must be a string");

    private static bool ReadBool(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new JsonShapeException("must be true or false"),
    };

    private static long ReadInt64(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number)) return number;
        if (reader.TokenType == JsonTokenType.String
            && long.TryParse(Unescaped(ref reader), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        throw new JsonShapeException("must be a 64-bit integer (a number or a string of digits)");
    }

    private static ulong ReadUInt64(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var number)) return number;
        if (reader.TokenType == JsonTokenType.String
            && ulong.TryParse(Unescaped(ref reader), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        throw new JsonShapeException("must be an unsigned 64-bit integer (a number or a string of digits)");
    }

    private static double ReadDouble(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number)) return number;
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = Unescaped(ref reader);
            if (text.SequenceEqual("NaN"u8)) return double.NaN;
            if (text.SequenceEqual("Infinity"u8)) return double.PositiveInfinity;
            if (text.SequenceEqual("-Infinity"u8)) return double.NegativeInfinity;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        }
        throw new JsonShapeException("must be a number");
    }

    /// <summary>An enum as its integer or its name (e.g. 2 or "SPAN_KIND_SERVER").</summary>
    private static int ReadEnum(ref Utf8JsonReader reader, EnumDescriptor descriptor)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number)) return number;
        if (reader.TokenType == JsonTokenType.String)
        {
            var name = reader.GetString()!;
            return descriptor.FindValueByName(name)?.Number
                ?? throw new JsonShapeException($"unknown {descriptor.Name} \"{name}\"");
        }
        throw new JsonShapeException($"must be a {descriptor.Name} number or name");
    }

    private static ByteString ReadBase64(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetBytesFromBase64(out var bytes)
            ? ByteString.CopyFrom(bytes)
            : throw new JsonShapeException("must be a base64 string");

    /// <summary>A trace or span id: hex as OTLP/JSON specifies, or base64 from senders using protobuf's canonical JSON.</summary>
    private static ByteString ReadId(ref Utf8JsonReader reader)
    {
        var text = ReadString(ref reader);
        if (text.Length == 0) return ByteString.Empty;
        if (text.Length > 128) throw new JsonShapeException($"must be a hex id, got {text.Length} characters");
        Span<byte> buffer = stackalloc byte[96];
        if (text.Length % 2 == 0 && Convert.FromHexString(text, buffer, out _, out var written) == OperationStatus.Done)
            return ByteString.CopyFrom(buffer[..written]);
        if (Convert.TryFromBase64String(text, buffer, out written)) return ByteString.CopyFrom(buffer[..written]);
        throw new JsonShapeException($"must be a hex id, got \"{text}\"");
    }

    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        var buffer = new byte[reader.ValueSpan.Length];
        return buffer.AsSpan(0, reader.CopyString(buffer));
    }
}
