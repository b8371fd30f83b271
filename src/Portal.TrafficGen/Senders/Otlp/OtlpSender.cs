using System.Collections.Concurrent;
using System.Diagnostics;
using Portal.TrafficGen.Running;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Senders.Otlp;

/// <summary>
/// Sends through the real OpenTelemetry .NET SDK (OTLP over gRPC or HTTP/protobuf), one SDK "process" per simulated
/// instance. How ids are mapped: the trace id is the simulated one (a root is given the all-zero parent, which OTLP and
/// the portal read as "no parent"); span ids cannot be chosen through the SDK, so each span gets the id the SDK draws,
/// and children and log lines are re-pointed to it. <see cref="Prepare"/> therefore creates and starts every Activity of
/// a transaction, parents first, with the simulated start and end times; sending a span stops its Activity, which hands
/// it to the instance's batch export processor.
/// </summary>
public sealed class OtlpSender(SenderOptions options, TrafficStats stats) : ITelemetrySender
{
    private readonly ConcurrentDictionary<string, InstanceTelemetry> _instances = new();
    private readonly ConcurrentDictionary<(string Trace, string Span), Activity> _started = new();
    private readonly IngestHttpClient _events = new(options, stats);

    // The SDK queues drop when full; past this many unexported spans the senders wait.
    private const long MaxInFlight = 50_000;

    public Transaction Prepare(Transaction transaction)
    {
        var ambient = Activity.Current;
        Activity.Current = null;
        try
        {
            var traceId = ActivityTraceId.CreateFromString(transaction.TraceId);
            var ids = new Dictionary<string, string>(transaction.Spans.Count);
            foreach (var span in transaction.Spans)
            {
                var activity = Start(span, traceId, ids);
                ids[span.SpanId] = activity.SpanId.ToHexString();
                _started[(span.TraceId, span.SpanId)] = activity;
            }
            var logs = transaction.Logs.Select(l => l.SpanId is { } id && ids.TryGetValue(id, out var mapped) ? l with { SpanId = mapped } : l).ToList();
            return transaction with { Logs = logs };
        }
        finally
        {
            Activity.Current = ambient;
        }
    }

    public async Task SendSpansAsync(IReadOnlyList<SimSpan> spans, CancellationToken ct)
    {
        var ambient = Activity.Current;
        foreach (var span in spans)
            if (_started.TryRemove((span.TraceId, span.SpanId), out var activity)) activity.Stop();
        // Stop() makes the stopped activity's predecessor current; put back what the caller had.
        Activity.Current = ambient;
        while (stats.InFlight > MaxInFlight) await Task.Delay(5, ct);
    }

    public Task SendLogsAsync(IReadOnlyList<SimLog> logs, CancellationToken ct)
    {
        foreach (var log in logs) LogStamp.Write(Instance(log.Service, log.Instance).Logger, log);
        stats.Unconfirmed(logs.Count);
        return Task.CompletedTask;
    }

    public Task SendEventsAsync(IReadOnlyList<SimEvent> events, CancellationToken ct) =>
        _events.PostAsync("/api/ingest/events", CloudEventsWriter.MediaType, CloudEventsWriter.Batch(events), events.Count, ct);

    public Task FlushAsync(CancellationToken ct) =>
        Task.Run(() => Parallel.ForEach(_instances.Values, i => i.FlushSpans()), ct);

    public ValueTask DisposeAsync()
    {
        // Disposing a provider exports what it still holds (logs included) before it shuts down.
        Parallel.ForEach(_instances.Values, i => i.Dispose());
        _events.Dispose();
        return ValueTask.CompletedTask;
    }

    private Activity Start(SimSpan span, ActivityTraceId traceId, Dictionary<string, string> ids)
    {
        var source = Instance(span.Service, span.Instance).Source;
        var kind = span.Kind == SimSpanKind.Client ? ActivityKind.Client : ActivityKind.Server;
        var parent = span.ParentSpanId is { } parentId
            ? new ActivityContext(traceId, ActivitySpanId.CreateFromString(ids[parentId]), ActivityTraceFlags.Recorded)
            : default;
        var activity = source.CreateActivity(span.Endpoint, kind, parent)
            ?? throw new InvalidOperationException($"The tracer provider of {span.Instance} did not sample the span.");
        if (span.ParentSpanId is null) activity.SetParentId(traceId, default, ActivityTraceFlags.Recorded);
        foreach (var (key, value) in span.Attributes) activity.SetTag(key, value);
        activity.SetTag("result.code", span.ResultCode);
        if (span.Success) activity.SetStatus(ActivityStatusCode.Ok);
        else activity.SetStatus(ActivityStatusCode.Error, span.Message);
        activity.SetStartTime(span.ReportedStart);
        activity.Start();
        activity.SetEndTime(span.ReportedStart + TimeSpan.FromMilliseconds(span.DurationMs));
        return activity;
    }

    private InstanceTelemetry Instance(string service, string instance) =>
        _instances.GetOrAdd(instance, static (name, state) => new InstanceTelemetry(state.service, name, state.options, state.stats),
            (service, options, stats));
}
