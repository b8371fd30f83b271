using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Portal.Core.Ingest.Native;

/// <summary>Deserializes a native batch with the source-generated metadata; malformed JSON becomes a fatal result.</summary>
internal static class NativeJson
{
    public static string? TryRead<T>(ReadOnlySpan<byte> payload, JsonTypeInfo<T> type, out T? batch)
    {
        batch = default;
        if (JsonPayload.Prepare(ref payload) is { } encodingError) return encodingError;
        try
        {
            batch = JsonSerializer.Deserialize(payload, type);
            return batch is null ? "payload must be a JSON object" : null;
        }
        catch (JsonException e)
        {
            return $"invalid JSON: {e.Message}";
        }
        catch (InvalidOperationException e)
        {
            // Raised for strings that are not valid UTF-16 once unescaped ("\ud800").
            return $"invalid JSON string: {e.Message}";
        }
    }
}
