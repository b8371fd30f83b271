using System.Text.Json;
using Portal.Core.Records;

namespace Portal.Core.Ingest.CloudEvents;

/// <summary>
/// Decodes CloudEvents 1.0 in the JSON event format: one event (structured mode, <c>application/cloudevents+json</c>)
/// or an array of events (batched mode, <c>application/cloudevents-batch+json</c>). Rejections name the attribute,
/// prefixed by the index in a batch (<c>[2].source</c>).
/// </summary>
public static class CloudEventDecoder
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public static DecodeResult<EventRecord> DecodeStructured(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions? options = null) =>
        Decode(payload, nowUtc, (options ?? IngestOptions.Default).Limits, batch: false);

    public static DecodeResult<EventRecord> DecodeBatch(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestOptions? options = null) =>
        Decode(payload, nowUtc, (options ?? IngestOptions.Default).Limits, batch: true);

    private static DecodeResult<EventRecord> Decode(ReadOnlySpan<byte> payload, DateTime nowUtc, IngestLimits limits, bool batch)
    {
        if (JsonPayload.Prepare(ref payload) is { } encodingError) return DecodeResult<EventRecord>.Fatal(encodingError);
        var records = new List<EventRecord>();
        var rejections = new List<Rejection>();
        try
        {
            var reader = new Utf8JsonReader(payload, ReaderOptions);
            reader.Read();
            if (!batch)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                    return DecodeResult<EventRecord>.Fatal("a structured-mode CloudEvent must be a JSON object");
                Add(CloudEventReader.Read(ref reader, payload, nowUtc, limits, out var record), "", record, records, rejections);
            }
            else
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                    return DecodeResult<EventRecord>.Fatal("a batch of CloudEvents must be a JSON array");
                for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                {
                    if (i == limits.MaxRecordsPerBatch)
                        return DecodeResult<EventRecord>.Fatal($"payload has more than {limits.MaxRecordsPerBatch} events; at most {limits.MaxRecordsPerBatch} are accepted per request");
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        rejections.Add(new($"[{i}]", "must be a JSON object"));
                        continue;
                    }
                    Add(CloudEventReader.Read(ref reader, payload, nowUtc, limits, out var record), $"[{i}]", record, records, rejections);
                }
            }
            if (reader.Read()) return DecodeResult<EventRecord>.Fatal("unexpected content after the payload");
        }
        catch (JsonException e)
        {
            return DecodeResult<EventRecord>.Fatal($"invalid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader.GetString refuses escaped lone surrogates ("\ud800") this way.
            return DecodeResult<EventRecord>.Fatal($"invalid JSON string: {e.Message}");
        }
        return new(records, rejections, null);
    }

    private static void Add(FieldError? error, string prefix, EventRecord? record, List<EventRecord> records, List<Rejection> rejections)
    {
        if (error is { } bad) rejections.Add(new(prefix + (prefix.Length > 0 && bad.Field.Length > 0 ? "." : "") + bad.Field, bad.Reason));
        else records.Add(record!);
    }
}
