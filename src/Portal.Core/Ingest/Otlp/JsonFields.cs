using System.Text;
using System.Text.Json;

namespace Portal.Core.Ingest.Otlp;

/// <summary>
/// The field names of one OTLP message in JSON. Matches the lowerCamelCase name exporters send and, as the protobuf
/// JSON mapping requires of parsers, the original snake_case name too.
/// </summary>
internal sealed class JsonFields
{
    private readonly string[] _names;
    private readonly byte[][] _camel;
    private readonly byte[]?[] _snake;

    public JsonFields(params string[] camelCaseNames)
    {
        _names = camelCaseNames;
        _camel = new byte[camelCaseNames.Length][];
        _snake = new byte[camelCaseNames.Length][];
        for (var i = 0; i < camelCaseNames.Length; i++)
        {
            _camel[i] = Encoding.UTF8.GetBytes(camelCaseNames[i]);
            var snake = ToSnakeCase(camelCaseNames[i]);
            _snake[i] = snake == camelCaseNames[i] ? null : Encoding.UTF8.GetBytes(snake);
        }
    }

    public string Name(int field) => field >= 0 ? _names[field] : "?";

    /// <summary>The index of the property name under the reader, or -1 for a field the portal does not read.</summary>
    public int Match(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < _camel.Length; i++)
        {
            if (reader.ValueTextEquals(_camel[i])) return i;
            if (_snake[i] is { } snake && reader.ValueTextEquals(snake)) return i;
        }
        return -1;
    }

    private static string ToSnakeCase(string camel)
    {
        var builder = new StringBuilder(camel.Length + 4);
        foreach (var c in camel)
        {
            if (char.IsAsciiLetterUpper(c)) builder.Append('_').Append(char.ToLowerInvariant(c));
            else builder.Append(c);
        }
        return builder.ToString();
    }
}
