using System.Collections;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Senders.Otlp;

/// <summary>A simulated line as logger state: its attributes become the OTLP log record's attributes.</summary>
internal sealed class LogState(SimLog log) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string Message => log.Message;
    public int Count => log.Attributes.Count;
    public KeyValuePair<string, object?> this[int index] => new(log.Attributes[index].Key, log.Attributes[index].Value);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => log.Message;
}
