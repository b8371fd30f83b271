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

    /// <summary>Traces whose start is read for the newest page, per row it shows (and the rows before it). Tests lower it.</summary>
    internal int CandidatesPerRow { get; init; } = 4;

    public async Task<TransactionPage> ListAsync(TransactionFilter filter, CancellationToken ct)
    {
        var rows = await RowsAsync(filter, ct);

        // One pass for the histogram (every duration) and the total (the duration filter applied).
        var buckets = await db.Database.SqlQuery<BucketCount>(TransactionSql.With(TransactionSql.Histogram(filter.Status), filter)).ToListAsync(ct);
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

    /// <summary>
    /// The page and a row more. Listed by start without a status filter (the common case), a page is chosen before its
    /// traces are summed up; the newest pages first from a few candidates, which usually suffice.
    /// </summary>
    private async Task<List<TransactionRowData>> RowsAsync(TransactionFilter filter, CancellationToken ct)
    {
        if (filter.Status != TransactionStatus.All || filter.Sort is not (TransactionSort.TimeDescending or TransactionSort.TimeAscending))
        {
            return await Sorted(WithDuration(Matching(filter), filter), filter.Sort)
                .Skip((filter.Page - 1) * TransactionFilter.PageSize)
                .Take(TransactionFilter.PageSize + 1)
                .ToListAsync(ct);
        }
        if (filter.Sort == TransactionSort.TimeDescending)
        {
            var candidates = (filter.Page * TransactionFilter.PageSize + 1) * CandidatesPerRow;
            var newest = await db.Database.SqlQuery<CandidateRowData>(TransactionSql.With(TransactionSql.NewestPage, filter, candidates)).ToListAsync(ct);
            if (newest is [{ Complete: true }, ..]) return [.. newest];
        }
        return await db.Database.SqlQuery<TransactionRowData>(TransactionSql.With(TransactionSql.PageByStart(filter.Sort), filter)).ToListAsync(ct);
    }

    /// <summary>Transactions with a matching span, summed up; everything but the duration filter and the order.</summary>
    private IQueryable<TransactionRowData> Matching(TransactionFilter f)
    {
        var query = db.Database.SqlQuery<TransactionRowData>(TransactionSql.With(TransactionSql.Summed, f));
        return f.Status switch
        {
            TransactionStatus.Ok => query.Where(r => r.ErrorCount == 0),
            TransactionStatus.Error => query.Where(r => r.ErrorCount > 0),
            _ => query,
        };
    }

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
