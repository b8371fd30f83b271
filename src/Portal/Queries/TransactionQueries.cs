using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Storage;

namespace Portal.Queries;

/// <summary>
/// The transactions (traces) in which a service or endpoint took part during an interval: what "select a point on a curve"
/// lists. Spans matching the filter are found in the interval, grouped by trace, and each trace is summed up from its spans
/// in the interval widened by <see cref="TraceMargin"/> (a transaction may start before or end after the selected point).
/// </summary>
public sealed class TransactionQueries(PortalDbContext db)
{
    /// <summary>How far around the interval a listed transaction's other spans are looked for.</summary>
    public static readonly TimeSpan TraceMargin = TimeSpan.FromMinutes(10);

    public async Task<TransactionPage> ListAsync(TransactionFilter filter, CancellationToken ct)
    {
        var rows = await Sorted(WithDuration(Matching(filter), filter), filter.Sort)
            .Skip((filter.Page - 1) * TransactionFilter.PageSize)
            .Take(TransactionFilter.PageSize + 1)
            .ToListAsync(ct);

        // One pass for the histogram (every duration) and the total (the duration filter applied).
        var buckets = await db.Database.SqlQuery<BucketCount>(Sql(HistogramSql(filter.Status), filter)).ToListAsync(ct);
        var counts = buckets.ToDictionary(b => b.Bucket, b => b.Count);

        var selected = SelectedBucket(filter);
        var histogram = Enumerable.Range(0, DurationBuckets.Count)
            .Select(b => new HistogramBar(b, DurationBuckets.Label(b), counts.GetValueOrDefault(b), DurationBuckets.LowerOf(b), DurationBuckets.UpperOf(b), b == selected))
            .ToList();
        var total = buckets.Sum(b => b.InFilter);

        return new TransactionPage(
            rows.Take(TransactionFilter.PageSize).Select(TransactionRow.From).ToList(),
            rows.Count > TransactionFilter.PageSize,
            total,
            histogram);
    }

    /// <summary>Transactions with a matching span, summed up; everything but the duration filter and the order.</summary>
    private IQueryable<TransactionRowData> Matching(TransactionFilter f)
    {
        var query = db.Database.SqlQuery<TransactionRowData>(Sql($$"""
            SELECT m.trace_id AS "TraceId", m.match_span_id AS "MatchSpanId", m.match_us AS "MatchMicros",
                   width_bucket(m.match_us, {{{Edges}}}) AS "Bucket",
                   t.span_count AS "SpanCount", t.error_count AS "ErrorCount", t.trace_start AS "TraceStart",
                   t.root_service AS "RootService", t.root_endpoint AS "RootEndpoint", t.root_us AS "RootMicros", t.root_found AS "RootFound"
            FROM ({{MatchSql}}) m
            CROSS JOIN LATERAL ({{SummarySql}}) t
            """, f));

        return f.Status switch
        {
            TransactionStatus.Ok => query.Where(r => r.ErrorCount == 0),
            TransactionStatus.Error => query.Where(r => r.ErrorCount > 0),
            _ => query,
        };
    }

    /// <summary>
    /// Counts per duration bucket of the matching transactions. Only a status filter needs each trace summed up; without
    /// one the matching spans alone answer, which an index-only scan of spans_service_time_cover reads.
    /// </summary>
    private static string HistogramSql(TransactionStatus status)
    {
        var summary = status switch
        {
            TransactionStatus.Ok => $"CROSS JOIN LATERAL ({SummarySql}) t WHERE t.error_count = 0",
            TransactionStatus.Error => $"CROSS JOIN LATERAL ({SummarySql}) t WHERE t.error_count > 0",
            _ => "",
        };
        return $$"""
            SELECT width_bucket(m.match_us, {{{Edges}}}) AS "Bucket", count(*) AS "Count",
                   count(*) FILTER (WHERE m.match_us >= {{{Min}}} AND m.match_us < {{{Max}}}) AS "InFilter"
            FROM ({{MatchSql}}) m
            {{summary}}
            GROUP BY 1
            """;
    }

    // Positions of the parameters in the SQL below, all passed by Sql().
    private const int From = 0, To = 1, Service = 2, Endpoint = 3, Instance = 4, Pattern = 5, WideFrom = 6, WideTo = 7, Edges = 8, Min = 9, Max = 10;

    // Empty strings stand for "any" so every parameter has a type; the planner sees the values and drops the dead branches.
    private static readonly string MatchSql = $$"""
        SELECT trace_id,
               (array_agg(span_id ORDER BY duration_us DESC))[1] AS match_span_id,
               max(duration_us) AS match_us
        FROM spans
        WHERE start_time >= {{{From}}} AND start_time < {{{To}}}
          AND ({{{Service}}} = '' OR service = {{{Service}}})
          AND ({{{Endpoint}}} = '' OR endpoint = {{{Endpoint}}})
          AND ({{{Instance}}} = '' OR instance = {{{Instance}}})
          AND ({{{Pattern}}} = '' OR attributes::text ILIKE {{{Pattern}}} ESCAPE '\')
        GROUP BY trace_id
        """;

    private static readonly string SummarySql = $$"""
        SELECT count(*) AS span_count,
               count(*) FILTER (WHERE s.is_error) AS error_count,
               min(s.start_time) AS trace_start,
               (array_agg(s.service ORDER BY s.parent_span_id IS NOT NULL, s.start_time))[1] AS root_service,
               (array_agg(s.endpoint ORDER BY s.parent_span_id IS NOT NULL, s.start_time))[1] AS root_endpoint,
               (array_agg(s.duration_us ORDER BY s.parent_span_id IS NOT NULL, s.start_time))[1] AS root_us,
               bool_or(s.parent_span_id IS NULL) AS root_found
        FROM spans s
        WHERE s.trace_id = m.trace_id AND s.start_time >= {{{WideFrom}}} AND s.start_time < {{{WideTo}}}
        """;

    /// <summary>SQL text with {n} placeholders, every value of the filter passed as a parameter.</summary>
    private static FormattableString Sql(string format, TransactionFilter f) => FormattableStringFactory.Create(format,
        f.Time.From, f.Time.To, f.Service ?? "", f.Endpoint ?? "", f.Instance ?? "", f.Text is null ? "" : $"%{EscapeLike(f.Text)}%",
        f.Time.From - TraceMargin, f.Time.To + TraceMargin, DurationBuckets.Edges, f.MinMicros ?? 0, f.MaxMicros ?? long.MaxValue);

    private static IQueryable<TransactionRowData> WithDuration(IQueryable<TransactionRowData> query, TransactionFilter f)
    {
        if (f.MinMicros is { } min) query = query.Where(r => r.MatchMicros >= min);
        if (f.MaxMicros is { } max) query = query.Where(r => r.MatchMicros < max);
        return query;
    }

    private static IQueryable<TransactionRowData> Sorted(IQueryable<TransactionRowData> query, TransactionSort sort) => sort switch
    {
        TransactionSort.TimeAscending => query.OrderBy(r => r.TraceStart).ThenBy(r => r.TraceId),
        TransactionSort.DurationDescending => query.OrderByDescending(r => r.RootMicros).ThenByDescending(r => r.TraceStart),
        TransactionSort.DurationAscending => query.OrderBy(r => r.RootMicros).ThenByDescending(r => r.TraceStart),
        _ => query.OrderByDescending(r => r.TraceStart).ThenBy(r => r.TraceId),
    };

    /// <summary>The histogram bar the duration filter equals, if it selects exactly one bucket.</summary>
    private static int? SelectedBucket(TransactionFilter f)
    {
        if (f.MinMicros is not { } min) return null;
        var bucket = DurationBuckets.Of(min);
        return DurationBuckets.LowerOf(bucket) == min && DurationBuckets.UpperOf(bucket) == f.MaxMicros ? bucket : null;
    }

    /// <summary>Makes user text literal inside an ILIKE pattern (with ESCAPE '\').</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
