using Google.Protobuf;
using Microsoft.Extensions.Options;
using Portal.Core.Ingest;
using Portal.Core.Ingest.Otlp;
using Portal.Pipeline;

namespace Portal.Ingest;

/// <summary>
/// OTLP/gRPC receivers (TraceService/Export and LogsService/Export, unary), the default protocol of most SDKs. After
/// decoding they share the ingest path of OTLP/HTTP; the API key travels as the x-api-key metadata entry.
/// </summary>
public static class OtlpGrpcEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/opentelemetry.proto.collector.trace.v1.TraceService/Export", Traces).DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/opentelemetry.proto.collector.logs.v1.LogsService/Export", Logs).DisableAntiforgery().ExcludeFromDescription();
    }

    private static Task Traces(HttpContext http, IngestService ingest, IngestKeyValidator keys, IOptions<IngestHttpOptions> options) =>
        HandleAsync(http, keys, options.Value, IngestScope.Traces,
            message => OtlpTraceDecoder.DecodeProtobuf(message, ingest.UtcNow, ingest.DecodeOptions), ingest.WriteSpansAsync, OtlpResponses.ForTraces);

    private static Task Logs(HttpContext http, IngestService ingest, IngestKeyValidator keys, IOptions<IngestHttpOptions> options) =>
        HandleAsync(http, keys, options.Value, IngestScope.Logs,
            message => OtlpLogDecoder.DecodeProtobuf(message, ingest.UtcNow, ingest.DecodeOptions), ingest.WriteLogsAsync, OtlpResponses.ForLogs);

    private static async Task HandleAsync<T, TReply>(HttpContext http, IngestKeyValidator keys, IngestHttpOptions options, string scope,
        Func<byte[], DecodeResult<T>> decode, Func<IReadOnlyList<T>, CancellationToken, Task<WriteOutcome>> write,
        Func<DecodeResult<T>, TReply> reply) where TReply : IMessage
    {
        var ct = http.RequestAborted;
        if (!(http.Request.ContentType ?? "").StartsWith(GrpcMessages.ContentType, StringComparison.Ordinal))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        var presented = IngestKeyValidator.PresentedKey(http.Request);
        var key = presented is null ? null : keys.Find(presented);
        if (key is null)
        {
            GrpcMessages.WriteStatus(http.Response, GrpcStatus.Unauthenticated, $"A valid ingest API key is required in the {IngestKeyValidator.HeaderName} metadata.");
            return;
        }
        if (!IngestKeyValidator.Allows(key, scope))
        {
            GrpcMessages.WriteStatus(http.Response, GrpcStatus.PermissionDenied, $"The ingest API key '{key.Name}' may not send {scope}.");
            return;
        }
        http.RequestServices.GetRequiredService<IngestKeyStore>().CountUse(key);

        var (message, readStatus, readError) = await GrpcMessages.ReadUnaryAsync(http.Request, options, ct);
        if (message is null)
        {
            GrpcMessages.WriteStatus(http.Response, readStatus, readError!);
            return;
        }

        var result = decode(message);
        if (result.IsFatal)
        {
            GrpcMessages.WriteStatus(http.Response, GrpcStatus.InvalidArgument, result.FatalError!);
            return;
        }

        switch (await write(result.Records, ct))
        {
            case WriteOutcome.Committed:
                await GrpcMessages.WriteReplyAsync(http.Response, reply(result), ct);
                break;
            case WriteOutcome.Overloaded:
                GrpcMessages.WriteStatus(http.Response, GrpcStatus.ResourceExhausted, "The portal is receiving more than it can store right now; retry later.");
                break;
            case WriteOutcome.Rejected:
                GrpcMessages.WriteStatus(http.Response, GrpcStatus.InvalidArgument, "The store refused the data; nothing of this request was written.");
                break;
            default:
                GrpcMessages.WriteStatus(http.Response, GrpcStatus.Unavailable, "The store is unavailable; nothing of this request was written. Retry later.");
                break;
        }
    }
}
