using Portal.Core.Records;

namespace Portal.Queries;

/// <summary>
/// JSON twins of the Traces, Logs and Events pages: the same parameters, the same query classes. A parameter that cannot be
/// used is a 400 naming it.
/// </summary>
internal static class SearchEndpoints
{
    public static void MapSearchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/transactions", Transactions).WithSummary("Transactions in which a service or endpoint took part in an interval");
        api.MapGet("/traces/{traceId}/view", TraceViewOf).WithSummary("A trace's waterfall (skew-adjusted) and call chain");
        api.MapGet("/logs", Logs).WithSummary("Full-text log search with highlight ranges");
        api.MapGet("/logs/context", Context).WithSummary("The lines an instance wrote around one log line");
        api.MapGet("/events/search", Events).WithSummary("Events by type, source and interval, paged");
    }

    private static async Task<IResult> Transactions([AsParameters] TransactionParameters p, TransactionQueries queries, CancellationToken ct)
    {
        var errors = new List<QueryError>();
        var filter = TransactionFilter.Parse(p, DateTime.UtcNow, errors);
        return errors.Count > 0 ? BadRequest(errors) : Results.Ok(await queries.ListAsync(filter, ct));
    }

    private static async Task<IResult> TraceViewOf(string traceId, TraceQueries queries, CancellationToken ct)
    {
        if (!TraceId.TryParse(traceId, out var id) || id.IsEmpty) return BadRequest([new("traceId", "must be 32 hexadecimal digits")]);
        if (await queries.LoadAsync(id, ct) is not { } view)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No spans of trace {id} are stored.");
        return Results.Ok(new
        {
            traceId = id.ToString(),
            start = view.Start,
            durationMicros = view.DurationMicros,
            services = view.Services,
            errorCount = view.ErrorCount,
            spans = view.Rows.Select(r => new
            {
                span = SpanDto.From(r.Span),
                r.Depth,
                adjustedStart = r.Start,
                shiftMicros = r.Shift.Ticks / 10,
                r.OffsetPercent,
                r.WidthPercent,
                r.SelfMicros,
                r.Critical,
            }),
            graph = CallChainGraph.Build(view),
        });
    }

    private static async Task<IResult> Logs([AsParameters] LogParameters p, LogSearch search, CancellationToken ct)
    {
        var errors = new List<QueryError>();
        var filter = LogFilter.Parse(p, DateTime.UtcNow, errors);
        if (errors.Count > 0) return BadRequest(errors);
        var page = await search.SearchAsync(filter, ct);
        return Results.Ok(new
        {
            lines = page.Lines.Select(l => new
            {
                line = LogDto.From(l),
                highlights = TextHighlighter.Ranges(l.Message, filter.Terms).Select(r => new[] { r.Start, r.Length }),
            }),
            page.HasMore,
        });
    }

    private static async Task<IResult> Context(string? instance, string? time, long? id, int? n, LogContext context, CancellationToken ct)
    {
        var errors = new List<QueryError>();
        var request = LogContextRequest.Parse(instance, time, id?.ToString(System.Globalization.CultureInfo.InvariantCulture), n?.ToString(System.Globalization.CultureInfo.InvariantCulture), errors);
        if (errors.Count > 0) return BadRequest(errors);
        if (await context.AroundAsync(request.Instance, request.Time, request.Id, request.Lines, ct) is not { } result)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No such log line is stored.");
        return Results.Ok(new
        {
            before = result.Before.Select(LogDto.From),
            hit = LogDto.From(result.Hit),
            after = result.After.Select(LogDto.From),
        });
    }

    private static async Task<IResult> Events([AsParameters] EventParameters p, EventSearch search, CancellationToken ct)
    {
        var errors = new List<QueryError>();
        var filter = EventFilter.Parse(p, DateTime.UtcNow, errors);
        if (errors.Count > 0) return BadRequest(errors);
        var page = await search.SearchAsync(filter, ct);
        return Results.Ok(new { events = page.Events.Select(EventDto.From), page.HasMore });
    }

    private static IResult BadRequest(IReadOnlyList<QueryError> errors) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: string.Join("; ", errors));
}
