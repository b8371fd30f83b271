using Portal.Core.Records;

namespace Portal.Queries;

/// <summary>The read side of the HTTP API: a trace's spans, its logs, events by type, source and time.</summary>
public static class QueryEndpoints
{
    private const int MaxLimit = 1000;

    public static IServiceCollection AddPortalQueries(this IServiceCollection services) => services
        .AddScoped<TelemetryQueries>()
        .AddScoped<TransactionQueries>()
        .AddScoped<TraceQueries>()
        .AddScoped<LogSearch>()
        .AddScoped<LogContext>()
        .AddScoped<EventSearch>();

    public static IEndpointRouteBuilder MapPortalQueries(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/traces/{traceId}", Trace).WithSummary("The spans of one trace (global serial number)");
        api.MapGet("/traces/{traceId}/logs", TraceLogs).WithSummary("The log lines of one trace");
        api.MapGet("/events", Events).WithSummary("CloudEvents by type, source and time");
        api.MapSearchEndpoints();
        return app;
    }

    private static async Task<IResult> Trace(string traceId, TelemetryQueries queries, CancellationToken ct)
    {
        if (!TraceId.TryParse(traceId, out var id)) return BadTraceId(traceId);
        var spans = await queries.TraceAsync(id, ct);
        return spans.Count == 0
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No spans of trace {id} are stored.")
            : Results.Ok(new TraceDto(id.ToString(), spans.Select(SpanDto.From).ToList()));
    }

    private static async Task<IResult> TraceLogs(string traceId, int? limit, TelemetryQueries queries, CancellationToken ct)
    {
        if (!TraceId.TryParse(traceId, out var id)) return BadTraceId(traceId);
        if (limit is < 1 or > MaxLimit) return BadLimit();
        var logs = await queries.LogsOfTraceAsync(id, limit ?? 200, ct);
        return Results.Ok(logs.Select(LogDto.From).ToList());
    }

    private static async Task<IResult> Events(string? type, string? source, DateTime? from, DateTime? to, int? limit,
        TelemetryQueries queries, CancellationToken ct)
    {
        if (limit is < 1 or > MaxLimit) return BadLimit();
        var until = (to ?? DateTime.UtcNow.AddMinutes(5)).ToUniversalTime();
        var since = (from ?? until.AddDays(-1)).ToUniversalTime();
        if (since >= until) return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "from: must be before to.");
        var events = await queries.EventsAsync(type, source, since, until, limit ?? 100, ct);
        return Results.Ok(events.Select(EventDto.From).ToList());
    }

    private static IResult BadTraceId(string value) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"traceId: must be 32 hexadecimal digits, got '{value}'.");

    private static IResult BadLimit() =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"limit: must be between 1 and {MaxLimit}.");
}
