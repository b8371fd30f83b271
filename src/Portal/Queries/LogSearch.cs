using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Portal.Core.Records;
using Portal.Storage;

namespace Portal.Queries;

/// <summary>A page of log lines, newest first; <see cref="HasMore"/> when an older page exists.</summary>
public sealed record LogPage(IReadOnlyList<LogRecord> Lines, bool HasMore);

/// <summary>
/// Full-text search over logs.search (tsvector, 'simple' configuration, GIN index), always within a time interval.
/// A search for words first reads only the newest lines of the interval, newest first through logs (time, id): a frequent
/// word fills its page there and nothing older is read. Only when they hold too few matches are all matches collected
/// through the GIN index and sorted, which costs what the matches number, however frequent the planner guesses them.
/// </summary>
public sealed class LogSearch(PortalDbContext db)
{
    private const string Config = "simple";

    /// <summary>Newest lines read per line wanted: a word in one line of 200 fills its page from them. Tests lower it.</summary>
    internal int LinesReadPerMatch { get; init; } = 200;

    /// <summary>At most this many newest lines are read first; a rarer word is looked up through the GIN index.</summary>
    private const int MaxNewestLines = 50_000;

    public async Task<LogPage> SearchAsync(LogFilter f, CancellationToken ct)
    {
        var skip = (f.Page - 1) * LogFilter.PageSize;
        var wanted = skip + LogFilter.PageSize + 1;
        var lines = f.Terms.IsEmpty
            ? await PageAsync(Filtered(InInterval(f), f), skip, ct)
            : await AmongNewestAsync(f, skip, Math.Min(wanted * LinesReadPerMatch, MaxNewestLines), ct) ?? await AllMatchesAsync(f, skip, ct);
        return new LogPage(lines.Take(LogFilter.PageSize).ToList(), lines.Count > LogFilter.PageSize);
    }

    /// <summary>
    /// The page from the interval's newest <paramref name="newest"/> lines, or null if they hold too few matches to fill it
    /// (older lines could then belong on it). When they do fill it, it is exactly the page of the whole interval: every
    /// line not read is older than every line read.
    /// </summary>
    private async Task<List<LogRecord>?> AmongNewestAsync(LogFilter f, int skip, int newest, CancellationToken ct)
    {
        var recent = InInterval(f).OrderByDescending(l => l.Time).ThenByDescending(l => l.Id).Take(newest);
        var lines = await PageAsync(Filtered(recent, f), skip, ct);
        return lines.Count > LogFilter.PageSize ? lines : null;
    }

    private async Task<List<LogRecord>> AllMatchesAsync(LogFilter f, int skip, CancellationToken ct)
    {
        // The word is rare among the newest lines; a plan walking logs (time, id) could read the whole interval to find a
        // page, so that walk is ruled out for this one query and the GIN index collects the matches.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_indexscan = off", ct);
        var lines = await PageAsync(Filtered(InInterval(f), f), skip, ct);
        await tx.CommitAsync(ct);
        return lines;
    }

    private IQueryable<LogRecord> InInterval(LogFilter f)
    {
        var from = f.Time.From;
        var to = f.Time.To;
        return db.Logs.AsNoTracking().Where(l => l.Time >= from && l.Time < to);
    }

    private static IQueryable<LogRecord> Filtered(IQueryable<LogRecord> query, LogFilter f)
    {
        if (f.Service is { } service) query = query.Where(l => l.Service == service);
        if (f.Instance is { } instance) query = query.Where(l => l.Instance == instance);
        if (f.MinLevel is { } level) query = query.Where(l => l.Level >= level);
        if (f.TraceId is { } traceId) query = query.Where(l => l.TraceId == traceId);
        if (f.SpanId is { } spanId) query = query.Where(l => l.SpanId == spanId);
        if (f.Terms.WebSearch is { } words)
            query = query.Where(l => EF.Property<NpgsqlTsVector>(l, "Search").Matches(EF.Functions.WebSearchToTsQuery(Config, words)));
        if (f.Terms.PrefixQuery is { } prefixes)
            query = query.Where(l => EF.Property<NpgsqlTsVector>(l, "Search").Matches(EF.Functions.ToTsQuery(Config, prefixes)));
        return query;
    }

    /// <summary>Newest first, after <paramref name="skip"/> lines: a page and one line more, which says whether another follows.</summary>
    private static Task<List<LogRecord>> PageAsync(IQueryable<LogRecord> query, int skip, CancellationToken ct) => query
        .OrderByDescending(l => l.Time).ThenByDescending(l => l.Id)
        .Skip(skip)
        .Take(LogFilter.PageSize + 1)
        .ToListAsync(ct);
}
