using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Portal.Core.Records;
using Portal.Storage;

namespace Portal.Queries;

/// <summary>A page of log lines, newest first; <see cref="HasMore"/> when an older page exists.</summary>
public sealed record LogPage(IReadOnlyList<LogRecord> Lines, bool HasMore);

/// <summary>Full-text search over logs.search (tsvector, 'simple' configuration, GIN index), always within a time interval.</summary>
public sealed class LogSearch(PortalDbContext db)
{
    private const string Config = "simple";

    public async Task<LogPage> SearchAsync(LogFilter f, CancellationToken ct)
    {
        var from = f.Time.From;
        var to = f.Time.To;
        var query = db.Logs.AsNoTracking().Where(l => l.Time >= from && l.Time < to);
        if (f.Service is { } service) query = query.Where(l => l.Service == service);
        if (f.Instance is { } instance) query = query.Where(l => l.Instance == instance);
        if (f.MinLevel is { } level) query = query.Where(l => l.Level >= level);
        if (f.TraceId is { } traceId) query = query.Where(l => l.TraceId == traceId);
        if (f.SpanId is { } spanId) query = query.Where(l => l.SpanId == spanId);
        if (f.Terms.WebSearch is { } words)
            query = query.Where(l => EF.Property<NpgsqlTsVector>(l, "Search").Matches(EF.Functions.WebSearchToTsQuery(Config, words)));
        if (f.Terms.PrefixQuery is { } prefixes)
            query = query.Where(l => EF.Property<NpgsqlTsVector>(l, "Search").Matches(EF.Functions.ToTsQuery(Config, prefixes)));

        var lines = await query
            .OrderByDescending(l => l.Time).ThenByDescending(l => l.Id)
            .Skip((f.Page - 1) * LogFilter.PageSize)
            .Take(LogFilter.PageSize + 1)
            .ToListAsync(ct);
        return new LogPage(lines.Take(LogFilter.PageSize).ToList(), lines.Count > LogFilter.PageSize);
    }
}
