using Google.Protobuf;
using Microsoft.Extensions.Options;
using Portal.Core.Ingest;
using Portal.Core.Ingest.Otlp;
using Portal.Pipeline;

namespace Portal.Ingest;

/// <summary>
/// OTLP/HTTP receivers: POST /v1/traces and /v1/logs, protobuf or JSON, gzip or not. Valid records next to invalid ones
/// are stored and the rest reported as a partial success, as the OTLP specification asks.
/// </summary>
public static class OtlpHttpEndpoints
{
    private const string Protobuf = "application/x-protobuf";
    private const string Json = "application/json";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/traces", Traces).AddEndpointFilterFactory(IngestSetup.RequireKey(IngestScope.Traces)).DisableAntiforgery()
            .WithSummary("OTLP/HTTP trace export (protobuf or JSON)");
        app.MapPost("/v1/logs", Logs).AddEndpointFilterFactory(IngestSetup.RequireKey(IngestScope.Logs)).DisableAntiforgery()
            .WithSummary("OTLP/HTTP log export (protobuf or JSON)");
    }

    private static Task<IResult> Traces(HttpContext http, IngestService ingest, IOptions<IngestHttpOptions> options, CancellationToken ct) =>
        HandleAsync(http, ingest, options.Value, ct,
            (body, json) => json
                ? OtlpTraceDecoder.DecodeJson(body, ingest.UtcNow, ingest.DecodeOptions)
                : OtlpTraceDecoder.DecodeProtobuf(body, ingest.UtcNow, ingest.DecodeOptions),
            ingest.WriteSpansAsync, OtlpResponses.ForTraces);

    private static Task<IResult> Logs(HttpContext http, IngestService ingest, IOptions<IngestHttpOptions> options, CancellationToken ct) =>
        HandleAsync(http, ingest, options.Value, ct,
            (body, json) => json
                ? OtlpLogDecoder.DecodeJson(body, ingest.UtcNow, ingest.DecodeOptions)
                : OtlpLogDecoder.DecodeProtobuf(body, ingest.UtcNow, ingest.DecodeOptions),
            ingest.WriteLogsAsync, OtlpResponses.ForLogs);

    private delegate DecodeResult<T> Decode<T>(ReadOnlySpan<byte> body, bool json);

    private static async Task<IResult> HandleAsync<T, TResponse>(HttpContext http, IngestService ingest, IngestHttpOptions options,
        CancellationToken ct, Decode<T> decode, Func<IReadOnlyList<T>, CancellationToken, Task<Pipeline.WriteOutcome>> write,
        Func<DecodeResult<T>, TResponse> respond) where TResponse : IMessage
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not (Protobuf or Json))
        {
            return IngestResults.Problem(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type must be {Protobuf} or {Json}, not '{http.Request.ContentType}'.");
        }
        var json = mediaType == Json;

        var body = await RequestBody.ReadAsync(http.Request, options, ct);
        if (body.Error is not null) return body.Error;

        var result = decode(body.Body.AsSpan(0, body.Length), json);
        if (result.IsFatal) return IngestResults.Problem(StatusCodes.Status400BadRequest, result.FatalError!);

        var outcome = await write(result.Records, ct);
        if (outcome != WriteOutcome.Committed) return IngestService.Refusal(outcome);

        var response = respond(result);
        return json
            ? Results.Text(JsonFormatter.Default.Format(response), Json)
            : Results.Bytes(response.ToByteArray(), Protobuf);
    }
}
