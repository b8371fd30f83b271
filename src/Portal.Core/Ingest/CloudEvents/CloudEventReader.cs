using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Portal.Core.Records;

namespace Portal.Core.Ingest.CloudEvents;

/// <summary>
/// Reads and validates one CloudEvent object (the reader on its start; left on its end). The rules are the
/// specification's: specversion "1.0"; id, source (a URI-reference) and type required and non-empty; time an RFC 3339
/// timestamp (absent means now); subject and datacontenttype non-empty when present; dataschema an absolute URI;
/// <c>data</c> and <c>data_base64</c> mutually exclusive; extension names lower-case letters and digits with scalar
/// values; JSON null means absent. <c>data</c> is kept as its JSON text, <c>data_base64</c> as a JSON string.
/// Extensions and dataschema are validated but not stored.
/// </summary>
internal static class CloudEventReader
{
    public static FieldError? Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> payload, DateTime nowUtc, IngestLimits limits, out EventRecord? record)
    {
        record = null;
        string? specVersion = null, id = null, source = null, type = null, time = null, subject = null,
            contentType = null, dataSchema = null, dataBase64 = null, dataJson = null;
        FieldError? typeError = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "data":
                    if (reader.TokenType == JsonTokenType.Null) break;
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    dataJson = Encoding.UTF8.GetString(payload[start..(int)reader.BytesConsumed]);
                    break;
                case "specversion": specVersion = ContextString(ref reader, name, ref typeError); break;
                case "id": id = ContextString(ref reader, name, ref typeError); break;
                case "source": source = ContextString(ref reader, name, ref typeError); break;
                case "type": type = ContextString(ref reader, name, ref typeError); break;
                case "time": time = ContextString(ref reader, name, ref typeError); break;
                case "subject": subject = ContextString(ref reader, name, ref typeError); break;
                case "datacontenttype": contentType = ContextString(ref reader, name, ref typeError); break;
                case "dataschema": dataSchema = ContextString(ref reader, name, ref typeError); break;
                case "data_base64": dataBase64 = ContextString(ref reader, name, ref typeError); break;
                default:
                    if (!IsExtensionName(name))
                        typeError ??= new(name, "extension attribute names must be lower-case letters (a-z) and digits (0-9)");
                    else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        typeError ??= new(name, "an extension attribute must be a string, number or boolean");
                    break;
            }
            reader.Skip();
        }
        if (typeError is not null) return typeError;

        if (specVersion is null) return new("specversion", "required");
        if (specVersion != "1.0") return new("specversion", $"must be \"1.0\", got \"{Checks.Clip(specVersion)}\"");
        if (Checks.Text(id, limits.MaxAttributeValueLength) is { } idError) return new("id", idError);
        if (Checks.Text(source, limits.MaxAttributeValueLength) is { } sourceError) return new("source", sourceError);
        if (!Uri.TryCreate(source, UriKind.RelativeOrAbsolute, out _)) return new("source", $"must be a URI-reference, got \"{Checks.Clip(source!)}\"");
        if (Checks.Text(type, limits.MaxAttributeValueLength) is { } typeNameError) return new("type", typeNameError);

        var utc = nowUtc;
        if (time is not null)
        {
            if (!Rfc3339.TryParse(time, out utc)) return new("time", $"{Rfc3339.Expected}, got \"{Checks.Clip(time)}\"");
            if (Checks.Time(utc, nowUtc, limits) is { } windowError) return new("time", windowError);
        }
        if (subject is not null && Checks.Text(subject, limits.MaxAttributeValueLength) is { } subjectError) return new("subject", subjectError);
        if (contentType is not null)
        {
            if (Checks.Text(contentType, limits.MaxAttributeValueLength) is { } contentTypeError) return new("datacontenttype", contentTypeError);
            if (!contentType.Contains('/')) return new("datacontenttype", $"must be a media type such as application/json, got \"{Checks.Clip(contentType)}\"");
        }
        if (dataSchema is not null && !Uri.TryCreate(dataSchema, UriKind.Absolute, out _))
            return new("dataschema", $"must be an absolute URI, got \"{Checks.Clip(dataSchema)}\"");

        if (dataBase64 is not null)
        {
            if (dataJson is not null) return new("data_base64", "must not be present together with data");
            if (!Base64.IsValid(dataBase64)) return new("data_base64", "must be base64");
            dataJson = $"\"{dataBase64}\"";
        }
        if (dataJson is not null && dataJson.Length > limits.MaxEventDataLength)
            return new(dataBase64 is null ? "data" : "data_base64", $"must be at most {limits.MaxEventDataLength} characters, got {dataJson.Length}");

        record = new EventRecord
        {
            Id = id!,
            Source = source!,
            Type = type!,
            Time = utc,
            Subject = subject,
            DataContentType = contentType,
            DataJson = dataJson,
        };
        return null;
    }

    /// <summary>A context attribute's string value, or null when absent; any other JSON type is recorded as the error.</summary>
    private static string? ContextString(ref Utf8JsonReader reader, string name, ref FieldError? error)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        if (reader.TokenType != JsonTokenType.Null) error ??= new(name, "must be a string");
        return null;
    }

    private static bool IsExtensionName(string name)
    {
        if (name.Length == 0) return false;
        foreach (var c in name)
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c)) return false;
        return true;
    }
}
