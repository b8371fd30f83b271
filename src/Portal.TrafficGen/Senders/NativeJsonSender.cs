using Portal.TrafficGen.Running;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Senders;

/// <summary>Native JSON over HTTP: call records to /api/ingest/calls, log lines to /api/ingest/logs, CloudEvents to /api/ingest/events.</summary>
public sealed class NativeJsonSender(SenderOptions options, TrafficStats stats) : ITelemetrySender
{
    private readonly IngestHttpClient _http = new(options, stats);

    public Transaction Prepare(Transaction transaction) => transaction;

    public Task SendSpansAsync(IReadOnlyList<SimSpan> spans, CancellationToken ct) =>
        _http.PostAsync("/api/ingest/calls", "application/json", NativeJsonWriter.CallRecords(spans), spans.Count, ct);

    public Task SendLogsAsync(IReadOnlyList<SimLog> logs, CancellationToken ct) =>
        _http.PostAsync("/api/ingest/logs", "application/json", NativeJsonWriter.Logs(logs), logs.Count, ct);

    public Task SendEventsAsync(IReadOnlyList<SimEvent> events, CancellationToken ct) =>
        _http.PostAsync("/api/ingest/events", CloudEventsWriter.MediaType, CloudEventsWriter.Batch(events), events.Count, ct);

    public Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
