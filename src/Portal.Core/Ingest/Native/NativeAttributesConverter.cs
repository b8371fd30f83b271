using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Core.Ingest.Native;

/// <summary>Reads an <c>attributes</c> object into <see cref="NativeAttribute"/> entries, in order, without a DOM.</summary>
internal sealed class NativeAttributesConverter : JsonConverter<List<NativeAttribute>>
{
    public override List<NativeAttribute> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("attributes must be a JSON object");
        var attributes = new List<NativeAttribute>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            var text = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                _ => null,
            };
            attributes.Add(new(key, reader.TokenType, text));
            reader.Skip();
        }
        return attributes;
    }

    public override void Write(Utf8JsonWriter writer, List<NativeAttribute> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Native attributes are only read.");
}
