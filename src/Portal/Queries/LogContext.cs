using Microsoft.EntityFrameworkCore;
using Portal.Core.Records;
using Portal.Storage;

namespace Portal.Queries;

/// <summary>A log line with the lines its instance wrote just before and after it, in (time, id) order.</summary>
public sealed record LogContextResult(IReadOnlyList<LogRecord> Before, LogRecord Hit, IReadOnlyList<LogRecord> After);

/// <summary>
/// The "context" of a search hit: the neighbouring lines of the same instance, read through the index
/// logs_instance_time (instance, time, id) within <see cref="Reach"/> of the hit so that only nearby partitions are read.
/// </summary>
public sealed class LogContext(PortalDbContext db)
{
    public const int DefaultLines = 20;
    public const int MaxLines = 500;

    /// <summary>How far from the hit the neighbours are looked for.</summary>
    public static readonly TimeSpan Reach = TimeSpan.FromHours(24);

    public async Task<LogContextResult?> AroundAsync(string instance, DateTime time, long id, int lines, CancellationToken ct)
    {
        var logs = db.Logs.AsNoTracking().Where(l => l.Instance == instance);
        var hit = await logs.Where(l => l.Time == time && l.Id == id).FirstOrDefaultAsync(ct);
        if (hit is null) return null;

        var earliest = time - Reach;
        var latest = time + Reach;
        var before = await logs
            .Where(l => l.Time >= earliest && l.Time <= time && (l.Time < time || l.Id < id))
            .OrderByDescending(l => l.Time).ThenByDescending(l => l.Id)
            .Take(lines)
            .ToListAsync(ct);
        before.Reverse();
        var after = await logs
            .Where(l => l.Time >= time && l.Time <= latest && (l.Time > time || l.Id > id))
            .OrderBy(l => l.Time).ThenBy(l => l.Id)
            .Take(lines)
            .ToListAsync(ct);
        return new LogContextResult(before, hit, after);
    }
}
