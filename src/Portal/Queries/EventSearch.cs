using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Records;
using Portal.Storage;

namespace Portal.Queries;

/// <summary>The events page's URL parameters as written.</summary>
public sealed class EventParameters
{
    [FromQuery(Name = "type")] public string? Type { get; set; }
    [FromQuery(Name = "source")] public string? Source { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "range")] public string? Range { get; set; }
    [FromQuery(Name = "page")] public string? Page { get; set; }
}

/// <summary>Events of a type and source in an interval, newest first.</summary>
public sealed record EventFilter(QueryTime Time, string? Type, string? Source, int Page)
{
    public const int PageSize = 100;
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromHours(24);

    public static EventFilter Parse(EventParameters p, DateTime nowUtc, List<QueryError> errors) => new(
        QueryTime.Parse(p.Range, p.From, p.To, nowUtc, DefaultSpan, errors),
        QueryText.Text(p.Type, "type", errors),
        QueryText.Text(p.Source, "source", errors),
        QueryText.Page(p.Page, errors));
}

public sealed record EventPage(IReadOnlyList<EventRecord> Events, bool HasMore);

public sealed class EventSearch(PortalDbContext db)
{
    public async Task<EventPage> SearchAsync(EventFilter f, CancellationToken ct)
    {
        var from = f.Time.From;
        var to = f.Time.To;
        var query = db.Events.AsNoTracking().Where(e => e.Time >= from && e.Time < to);
        if (f.Type is { } type) query = query.Where(e => e.Type == type);
        if (f.Source is { } source) query = query.Where(e => e.Source == source);
        var events = await query
            .OrderByDescending(e => e.Time).ThenBy(e => e.Source).ThenBy(e => e.Id)
            .Skip((f.Page - 1) * EventFilter.PageSize)
            .Take(EventFilter.PageSize + 1)
            .ToListAsync(ct);
        return new EventPage(events.Take(EventFilter.PageSize).ToList(), events.Count > EventFilter.PageSize);
    }
}
