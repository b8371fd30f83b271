using System.Text.Json;

namespace Portal.Core.Ingest.Otlp;

/// <summary>Reads an OTLP/JSON payload into its request message; every failure becomes the fatal error.</summary>
internal static class OtlpJson
{
    public delegate TRequest JsonRead<out TRequest>(ReadOnlySpan<byte> json);

    public static string? Read<TRequest>(ReadOnlySpan<byte> payload, JsonRead<TRequest> read, out TRequest? request)
    {
        request = default;
        if (JsonPayload.Prepare(ref payload) is { } encodingError) return encodingError;
        try
        {
            request = read(payload);
            return null;
        }
        catch (JsonShapeException e)
        {
            return e.Message;
        }
        catch (JsonException e)
        {
            return $"invalid JSON: {e.Message}";
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader.GetString refuses escaped lone surrogates ("\ud800") this way.
            return $"invalid JSON string: {e.Message}";
        }
    }
}
