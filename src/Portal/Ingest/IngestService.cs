using Microsoft.Extensions.Options;
using Portal.Core.Ingest;
using Portal.Core.Records;
using Portal.Pipeline;
using Portal.Storage.Writers;

namespace Portal.Ingest;

/// <summary>
/// The one code path after decoding, whatever the transport (OTLP/HTTP, OTLP/gRPC, native JSON, CloudEvents): hands the
/// accepted records to the group-commit writer and reports the outcome once they are durable.
/// </summary>
public sealed class IngestService(GroupCommitWriter writer, IOptions<IngestHttpOptions> options, TimeProvider clock)
{
    public IngestOptions DecodeOptions { get; } = new() { ScenarioAttribute = options.Value.ScenarioAttribute };

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public Task<WriteOutcome> WriteSpansAsync(IReadOnlyList<SpanRecord> spans, CancellationToken ct)
    {
        var batch = new TelemetryBatch();
        batch.Spans.AddRange(spans);
        return writer.SubmitAsync(batch, ct);
    }

    public Task<WriteOutcome> WriteLogsAsync(IReadOnlyList<LogRecord> logs, CancellationToken ct)
    {
        var batch = new TelemetryBatch();
        batch.Logs.AddRange(logs);
        return writer.SubmitAsync(batch, ct);
    }

    public Task<WriteOutcome> WriteEventsAsync(IReadOnlyList<EventRecord> events, CancellationToken ct)
    {
        var batch = new TelemetryBatch();
        batch.Events.AddRange(events);
        return writer.SubmitAsync(batch, ct);
    }

    /// <summary>The HTTP answer for an outcome other than committed.</summary>
    public static IResult Refusal(WriteOutcome outcome) => outcome switch
    {
        WriteOutcome.Overloaded => IngestResults.Problem(StatusCodes.Status429TooManyRequests,
            "The portal is receiving more than it can store right now; retry later.", retryAfter: TimeSpan.FromSeconds(1)),
        WriteOutcome.Rejected => IngestResults.Problem(StatusCodes.Status400BadRequest,
            "The store refused the data (a value PostgreSQL cannot hold); nothing of this request was written."),
        _ => IngestResults.Problem(StatusCodes.Status503ServiceUnavailable,
            "The store is unavailable; nothing of this request was written. Retry later.", retryAfter: TimeSpan.FromSeconds(5)),
    };
}
