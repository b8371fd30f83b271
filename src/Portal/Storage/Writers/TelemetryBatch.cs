using Portal.Core.Records;

namespace Portal.Storage.Writers;

/// <summary>Records of one or more requests, written in one transaction.</summary>
public sealed class TelemetryBatch
{
    public List<SpanRecord> Spans { get; } = [];
    public List<LogRecord> Logs { get; } = [];
    public List<EventRecord> Events { get; } = [];

    public int Count => Spans.Count + Logs.Count + Events.Count;
}
