using Microsoft.EntityFrameworkCore;
using Portal.Core.Records;
using Portal.Storage;

namespace Portal.Queries;

/// <summary>
/// Reads one transaction for the trace page. A trace id is all the page has, so the lookup is not time-bounded: it is an
/// probe of the hash index on trace_id in each daily partition, cheap for the few days kept.
/// </summary>
public sealed class TraceQueries(PortalDbContext db)
{
    /// <summary>More spans than a page can draw usefully; a larger trace shows its first spans by start time.</summary>
    public const int MaxSpans = 2000;

    public async Task<TraceView?> LoadAsync(TraceId traceId, CancellationToken ct)
    {
        var spans = await db.Spans.AsNoTracking()
            .Where(s => s.TraceId == traceId)
            .OrderBy(s => s.StartTime)
            .Take(MaxSpans)
            .ToListAsync(ct);
        return spans.Count == 0 ? null : TraceView.Build(traceId, spans);
    }
}
