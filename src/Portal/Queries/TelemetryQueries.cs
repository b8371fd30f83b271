using Microsoft.EntityFrameworkCore;
using Portal.Core.Records;
using Portal.Storage;

namespace Portal.Queries;

/// <summary>Reads stored spans, logs and events through EF Core; shared by the query API and the pages.</summary>
public sealed class TelemetryQueries(PortalDbContext db)
{
    public Task<List<SpanRecord>> TraceAsync(TraceId traceId, CancellationToken ct) =>
        db.Spans.AsNoTracking().Where(s => s.TraceId == traceId).OrderBy(s => s.StartTime).ToListAsync(ct);

    public Task<List<LogRecord>> LogsOfTraceAsync(TraceId traceId, int limit, CancellationToken ct) =>
        db.Logs.AsNoTracking().Where(l => l.TraceId == traceId).OrderBy(l => l.Time).ThenBy(l => l.Id).Take(limit).ToListAsync(ct);

    public Task<List<EventRecord>> EventsAsync(string? type, string? source, DateTime from, DateTime to, int limit, CancellationToken ct)
    {
        var query = db.Events.AsNoTracking().Where(e => e.Time >= from && e.Time < to);
        if (!string.IsNullOrEmpty(type)) query = query.Where(e => e.Type == type);
        if (!string.IsNullOrEmpty(source)) query = query.Where(e => e.Source == source);
        return query.OrderByDescending(e => e.Time).Take(limit).ToListAsync(ct);
    }
}
