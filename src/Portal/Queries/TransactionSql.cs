using System.Runtime.CompilerServices;

namespace Portal.Queries;

/// <summary>
/// The SQL of the transactions list. Spans matching the filter are found in the interval and grouped by trace (an
/// index-only scan of the primary key when only service and time filter); each trace is summed up from its spans
/// in the interval widened by <see cref="TransactionQueries.TraceMargin"/>. Every value is a parameter, placed by <see cref="With"/>.
/// </summary>
internal static class TransactionSql
{
    // Positions of the parameters, in the order With() passes them.
    private const int From = 0, To = 1, Service = 2, Endpoint = 3, Instance = 4, Pattern = 5, WideFrom = 6, WideTo = 7, Edges = 8,
        Min = 9, Max = 10, Skip = 11, Take = 12, Candidates = 13;

    // Declared before the queries built from them: static fields are initialised in order.
    private static readonly string TraceSpans = $$"""
        FROM spans s
        WHERE s.trace_id = m.trace_id AND s.start_time >= {{{WideFrom}}} AND s.start_time < {{{WideTo}}}
        """;

    private static readonly string StartSql = $"SELECT min(s.start_time) AS trace_start {TraceSpans}";

    private static readonly string SummarySql = $"""
        SELECT count(*) AS span_count,
               count(*) FILTER (WHERE s.is_error) AS error_count,
               min(s.start_time) AS trace_start,
               (array_agg(s.service ORDER BY s.parent_span_id IS NOT NULL, s.start_time))[1] AS root_service,
               (array_agg(s.endpoint ORDER BY s.parent_span_id IS NOT NULL, s.start_time))[1] AS root_endpoint,
               (array_agg(s.duration_us ORDER BY s.parent_span_id IS NOT NULL, s.start_time))[1] AS root_us,
               bool_or(s.parent_span_id IS NULL) AS root_found
        {TraceSpans}
        """;

    // Per trace, its longest matching span (the earliest of equals) and when its first matching span started: one sort of
    // the matching spans, where an aggregate with ORDER BY would sort once per trace.
    // Empty strings stand for "any" so every parameter has a type; the planner sees the values and drops the dead branches.
    private static readonly string MatchSql = $$"""
        SELECT DISTINCT ON (trace_id) trace_id, span_id AS match_span_id, duration_us AS match_us,
               min(start_time) OVER trace AS first_match
        FROM spans
        WHERE start_time >= {{{From}}} AND start_time < {{{To}}}
          AND ({{{Service}}} = '' OR service = {{{Service}}})
          AND ({{{Endpoint}}} = '' OR endpoint = {{{Endpoint}}})
          AND ({{{Instance}}} = '' OR instance = {{{Instance}}})
          AND ({{{Pattern}}} = '' OR attributes::text ILIKE {{{Pattern}}} ESCAPE '\')
        -- Ordered as DISTINCT ON needs, with the whole trace as the frame, so one sort serves both.
        WINDOW trace AS (PARTITION BY trace_id ORDER BY duration_us DESC, start_time ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        ORDER BY trace_id, duration_us DESC, start_time
        """;

    private static readonly string Columns = $$"""
        m.trace_id AS "TraceId", m.match_span_id AS "MatchSpanId", m.match_us AS "MatchMicros",
               width_bucket(m.match_us, {{{Edges}}}) AS "Bucket",
               t.span_count AS "SpanCount", t.error_count AS "ErrorCount", t.trace_start AS "TraceStart",
               t.root_service AS "RootService", t.root_endpoint AS "RootEndpoint", t.root_us AS "RootMicros", t.root_found AS "RootFound"
        """;

    /// <summary>Every matching transaction with its summary, as <see cref="TransactionRowData"/>.</summary>
    public static readonly string Summed = $$"""
        SELECT {{Columns}}
        FROM ({{MatchSql}}) m
        CROSS JOIN LATERAL ({{SummarySql}}) t
        """;

    /// <summary>
    /// One page (and a row more) listed by start, as <see cref="TransactionRowData"/>: each trace's start alone is read for
    /// the order (from the primary key, no heap fetch), and only the page's traces are summed up.
    /// </summary>
    public static string PageByStart(TransactionSort sort)
    {
        var direction = sort == TransactionSort.TimeAscending ? "" : " DESC";
        return $$"""
            SELECT {{Columns}}
            FROM (
                SELECT m.*, f.trace_start
                FROM ({{MatchSql}}) m
                CROSS JOIN LATERAL ({{StartSql}}) f
                WHERE m.match_us >= {{{Min}}} AND m.match_us < {{{Max}}}
                ORDER BY f.trace_start{{direction}}, m.trace_id
                OFFSET {{{Skip}}} LIMIT {{{Take}}}
            ) m
            CROSS JOIN LATERAL ({{SummarySql}}) t
            ORDER BY m.trace_start{{direction}}, m.trace_id
            """;
    }

    /// <summary>
    /// The newest page (and a row more), as <see cref="CandidateRowData"/>, from the traces whose matching spans started
    /// last: a trace starts no later than its first matching span, so a candidate that starts after every other trace's
    /// first matching span is placed for sure. "Complete" says the page holds only such candidates; otherwise (or with
    /// no row) <see cref="PageByStart"/> answers. Only the candidates' starts are read, not every trace's.
    /// </summary>
    public static readonly string NewestPage = $$"""
        WITH matching AS MATERIALIZED (
            SELECT * FROM ({{MatchSql}}) x WHERE match_us >= {{{Min}}} AND match_us < {{{Max}}}
        ),
        candidates AS (
            SELECT m.*, f.trace_start
            FROM (SELECT * FROM matching ORDER BY first_match DESC, trace_id LIMIT {{{Candidates}}}) m
            CROSS JOIN LATERAL ({{StartSql}}) f
        ),
        bound AS (SELECT first_match FROM matching ORDER BY first_match DESC, trace_id OFFSET {{{Candidates}}} LIMIT 1)
        SELECT {{Columns}},
               NOT EXISTS (SELECT FROM bound)
                 OR (SELECT count(*) FROM candidates c, bound b WHERE c.trace_start > b.first_match) >= {{{Skip}}} + {{{Take}}} AS "Complete"
        FROM (SELECT * FROM candidates ORDER BY trace_start DESC, trace_id OFFSET {{{Skip}}} LIMIT {{{Take}}}) m
        CROSS JOIN LATERAL ({{SummarySql}}) t
        ORDER BY m.trace_start DESC, m.trace_id
        """;

    /// <summary>
    /// Counts per duration bucket, as <see cref="BucketCount"/>. Only a status filter needs each trace summed up; without
    /// one the matching spans alone answer.
    /// </summary>
    public static string Histogram(TransactionStatus status)
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

    /// <summary>The SQL with the filter's values as parameters.</summary>
    public static FormattableString With(string sql, TransactionFilter f, int candidates = 0) => FormattableStringFactory.Create(sql,
        f.Time.From, f.Time.To, f.Service ?? "", f.Endpoint ?? "", f.Instance ?? "",
        f.Text is null ? "" : $"%{TransactionQueries.EscapeLike(f.Text)}%",
        f.Time.From - TransactionQueries.TraceMargin, f.Time.To + TransactionQueries.TraceMargin, DurationBuckets.Edges,
        f.MinMicros ?? 0, f.MaxMicros ?? long.MaxValue, (f.Page - 1) * TransactionFilter.PageSize, TransactionFilter.PageSize + 1,
        candidates);
}
