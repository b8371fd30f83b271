using System.Buffers;
using System.Text.Json;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Senders;

/// <summary>Writes a CloudEvents 1.0 batch (<c>application/cloudevents-batch+json</c>): a JSON array of structured events.</summary>
public static class CloudEventsWriter
{
    public const string MediaType = "application/cloudevents-batch+json";

    public static byte[] Batch(IReadOnlyList<SimEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(events.Count * 400);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var e in events)
            {
                json.WriteStartObject();
                json.WriteString("specversion", "1.0");
                json.WriteString("id", e.Id);
                json.WriteString("source", e.Source);
                json.WriteString("type", e.Type);
                json.WriteString("time", WireTime.Format(e.Time));
                if (e.Subject is not null) json.WriteString("subject", e.Subject);
                json.WriteString("datacontenttype", "application/json");
                json.WritePropertyName("data");
                json.WriteRawValue(e.DataJson);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
