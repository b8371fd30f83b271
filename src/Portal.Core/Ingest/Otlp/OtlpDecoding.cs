using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Portal.Core.Ingest.Otlp;

/// <summary>The steps both OTLP decoders share: parse, check strings, map; every failure becomes a fatal result.</summary>
internal static class OtlpDecoding
{
    public static DecodeResult<TRecord> Protobuf<TRequest, TRecord>(
        ReadOnlySpan<byte> payload, MessageParser<TRequest> parser, MessageDescriptor descriptor,
        Func<TRequest, DecodeResult<TRecord>> map, Func<TRecord, bool> hasReplacementChar)
        where TRequest : IMessage<TRequest>
    {
        TRequest request;
        try
        {
            request = parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            return DecodeResult<TRecord>.Fatal($"invalid protobuf: {e.Message}");
        }
        var result = map(request);
        // Google.Protobuf decodes invalid UTF-8 to U+FFFD instead of failing. Only a stored text holding U+FFFD can
        // carry such damage, so only then is the payload walked to tell invalid bytes from a genuine U+FFFD.
        foreach (var record in result.Records)
        {
            if (!hasReplacementChar(record)) continue;
            if (ProtobufUtf8.FindInvalidString(payload, descriptor) is { } path)
                return DecodeResult<TRecord>.Fatal($"{path}: invalid UTF-8 in a protobuf string");
            break;
        }
        return result;
    }

    public delegate TRequest JsonRead<out TRequest>(ReadOnlySpan<byte> json);

    public static DecodeResult<TRecord> Json<TRequest, TRecord>(
        ReadOnlySpan<byte> payload, JsonRead<TRequest> read, Func<TRequest, DecodeResult<TRecord>> map)
    {
        if (JsonPayload.Prepare(ref payload) is { } encodingError) return DecodeResult<TRecord>.Fatal(encodingError);
        TRequest request;
        try
        {
            request = read(payload);
        }
        catch (JsonShapeException e)
        {
            return DecodeResult<TRecord>.Fatal(e.Message);
        }
        catch (JsonException e)
        {
            return DecodeResult<TRecord>.Fatal($"invalid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader.GetString refuses escaped lone surrogates ("\ud800") this way.
            return DecodeResult<TRecord>.Fatal($"invalid JSON string: {e.Message}");
        }
        return map(request);
    }
}
