using Microsoft.Extensions.Options;
using Portal.Core.Ingest;
using Portal.Core.Ingest.CloudEvents;
using Portal.Core.Ingest.Native;
using Portal.Pipeline;

namespace Portal.Ingest;

/// <summary>
/// Native JSON receivers for the platform SDK (call records, log lines) and CloudEvents. A batch is all or nothing:
/// when any item is invalid the request gets 400 listing every problem, and nothing of it is written.
/// </summary>
public static class NativeEndpoints
{
    private const string Json = "application/json";
    private const string CloudEvent = "application/cloudevents+json";
    private const string CloudEventBatch = "application/cloudevents-batch+json";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ingest/calls", Calls).AddEndpointFilterFactory(IngestSetup.RequireKey(IngestScope.Traces)).DisableAntiforgery()
            .WithSummary("Native call records of the platform SDK (see docs/native-formats.md)");
        app.MapPost("/api/ingest/logs", Logs).AddEndpointFilterFactory(IngestSetup.RequireKey(IngestScope.Logs)).DisableAntiforgery()
            .WithSummary("Native log lines (see docs/native-formats.md)");
        app.MapPost("/api/ingest/events", Events).AddEndpointFilterFactory(IngestSetup.RequireKey(IngestScope.Events)).DisableAntiforgery()
            .WithSummary("CloudEvents 1.0, structured or batch JSON");
    }

    private static Task<IResult> Calls(HttpContext http, IngestService ingest, IOptions<IngestHttpOptions> options, CancellationToken ct) =>
        HandleAsync(http, options.Value, [Json], ct,
            (body, _) => NativeCallRecordDecoder.Decode(body, ingest.UtcNow, ingest.DecodeOptions), ingest.WriteSpansAsync);

    private static Task<IResult> Logs(HttpContext http, IngestService ingest, IOptions<IngestHttpOptions> options, CancellationToken ct) =>
        HandleAsync(http, options.Value, [Json], ct,
            (body, _) => NativeLogDecoder.Decode(body, ingest.UtcNow, ingest.DecodeOptions), ingest.WriteLogsAsync);

    private static Task<IResult> Events(HttpContext http, IngestService ingest, IOptions<IngestHttpOptions> options, CancellationToken ct) =>
        HandleAsync(http, options.Value, [CloudEvent, CloudEventBatch], ct,
            (body, mediaType) => mediaType == CloudEventBatch
                ? CloudEventDecoder.DecodeBatch(body, ingest.UtcNow, ingest.DecodeOptions)
                : CloudEventDecoder.DecodeStructured(body, ingest.UtcNow, ingest.DecodeOptions),
            ingest.WriteEventsAsync);

    private delegate DecodeResult<T> Decode<T>(ReadOnlySpan<byte> body, string mediaType);

    private static async Task<IResult> HandleAsync<T>(HttpContext http, IngestHttpOptions options, string[] mediaTypes, CancellationToken ct,
        Decode<T> decode, Func<IReadOnlyList<T>, CancellationToken, Task<WriteOutcome>> write)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        if (!mediaTypes.Contains(mediaType))
        {
            return IngestResults.Problem(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type must be {string.Join(" or ", mediaTypes)}, not '{http.Request.ContentType}'.");
        }

        var body = await RequestBody.ReadAsync(http.Request, options, ct);
        if (body.Error is not null) return body.Error;

        var result = decode(body.Body.AsSpan(0, body.Length), mediaType);
        if (result.IsFatal) return IngestResults.Problem(StatusCodes.Status400BadRequest, result.FatalError!);
        if (result.RejectedCount > 0)
        {
            return IngestResults.Problem(StatusCodes.Status400BadRequest,
                $"{result.RejectedCount} item(s) are invalid; nothing of this batch was written.",
                result.Rejections.Select(r => r.Message).Take(100).ToList());
        }

        var outcome = await write(result.Records, ct);
        return outcome == WriteOutcome.Committed
            ? Results.Ok(new IngestAccepted(result.Records.Count))
            : IngestService.Refusal(outcome);
    }
}

/// <summary>The answer to a native batch once it is durable.</summary>
public sealed record IngestAccepted(int Accepted);
