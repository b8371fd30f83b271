using Npgsql;
using Portal.Core.Windowing;
using Portal.Live;
using Portal.Processing;

namespace Portal.Queries;

/// <summary>One bucket of a curve: volume, success rate and latency percentiles.</summary>
public sealed record SeriesPoint(
    DateTime Start, long Count, long Errors, double ThroughputPerSecond, double? SuccessRate, double? P50Ms, double? P90Ms, double? P95Ms,
    double? P99Ms, double? MeanMs, double? MaxMs);

public sealed record Series(string Scope, string Key, string Resolution, DateTime From, DateTime To, IReadOnlyList<SeriesPoint> Points)
{
    public SeriesPoint Total { get; init; } = null!;
}

/// <summary>
/// Reads a curve for any range: stored rollups at the level that suits the range, the finer levels where compaction has
/// not reached yet, late deltas not yet folded in, and the newest windows that are not final yet (from memory). Every
/// record is counted once, in its true window.
/// </summary>
public sealed class SeriesQueries(NpgsqlDataSource dataSource, LiveWindowCache recent, TimeProvider clock)
{
    public async Task<Series> GetAsync(WindowKey key, DateTime fromUtc, DateTime toUtc, RollupLevel? level, CancellationToken ct)
    {
        var lvl = level ?? RollupResolution.For(fromUtc, toUtc);
        var (from, to) = (RollupResolution.Floor(fromUtc, lvl), RollupResolution.Ceiling(toUtc, lvl));
        var collected = await CollectAsync(key, from, to, lvl, ct);
        return ToSeries(key, lvl, from, to, collected.GetValueOrDefault(key) ?? []);
    }

    /// <summary>Every key of a scope with its curve over the range (e.g. the services table with sparklines), busiest first.</summary>
    public async Task<IReadOnlyList<Series>> ScopeAsync(WindowScope scope, DateTime fromUtc, DateTime toUtc, RollupLevel? level, CancellationToken ct)
    {
        var lvl = level ?? RollupResolution.For(fromUtc, toUtc);
        var (from, to) = (RollupResolution.Floor(fromUtc, lvl), RollupResolution.Ceiling(toUtc, lvl));
        var collected = await CollectAsync(scope, from, to, lvl, ct);
        return collected.Select(c => ToSeries(c.Key, lvl, from, to, c.Value)).OrderByDescending(s => s.Total.Count).ToList();
    }

    private async Task<Dictionary<WindowKey, SortedDictionary<DateTime, WindowAggregate>>> CollectAsync(StoredAggregates.Filter filter,
        DateTime from, DateTime to, RollupLevel lvl, CancellationToken ct)
    {
        var buckets = new Dictionary<WindowKey, SortedDictionary<DateTime, WindowAggregate>>();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var state = await WindowState.ReadAsync(conn, null, clock.GetUtcNow().UtcDateTime, ct);
        // Each level is stored up to where compaction got; past that the next finer level stands in.
        var hoursUntil = Clamp(state.HoursCompactedUntil, from, to);
        var minutesUntil = Clamp(state.MinutesCompactedUntil, from, to);
        var secondsUntil = Clamp(state.FinalHorizon, from, to);
        if (lvl == RollupLevel.Hour) Add(buckets, lvl, await StoredAggregates.RollupsAsync(conn, null, RollupLevel.Hour, from, hoursUntil, filter, ct));
        var minutesFrom = lvl == RollupLevel.Hour ? hoursUntil : from;
        if (lvl != RollupLevel.Second) Add(buckets, lvl, await StoredAggregates.RollupsAsync(conn, null, RollupLevel.Minute, minutesFrom, minutesUntil, filter, ct));
        var secondsFrom = lvl == RollupLevel.Second ? from : Max(minutesFrom, minutesUntil);
        Add(buckets, lvl, await StoredAggregates.RollupsAsync(conn, null, RollupLevel.Second, secondsFrom, to, filter, ct));
        Add(buckets, lvl, await StoredAggregates.DeltasAsync(conn, null, from, to, filter, ct));
        var keys = filter.Key is { } one ? [one] : recent.Keys(filter.Scope ?? WindowScope.All);
        foreach (var key in keys)
        {
            foreach (var (start, aggregate) in recent.Read(key, Max(secondsUntil, from), to)) Merge(buckets, key, RollupResolution.Floor(start, lvl), aggregate);
        }
        return buckets;
    }

    private static Series ToSeries(WindowKey key, RollupLevel lvl, DateTime from, DateTime to, SortedDictionary<DateTime, WindowAggregate> buckets)
    {
        var size = RollupResolution.BucketSize(lvl);
        var points = new List<SeriesPoint>();
        var total = new WindowAggregate();
        for (var t = from; t < to; t += size)
        {
            var aggregate = buckets.GetValueOrDefault(t) ?? new WindowAggregate();
            total.Merge(aggregate);
            points.Add(Point(t, aggregate, size));
        }
        return new Series(key.Scope.ToString(), key.Key, Resolution(lvl), from, to, points) { Total = Point(from, total, to - from) };
    }

    public static SeriesPoint Point(DateTime start, WindowAggregate a, TimeSpan size) => new(
        start, a.Count, a.Errors, Math.Round(a.Count / size.TotalSeconds, 3), a.Count == 0 ? null : Math.Round(a.SuccessRate * 100, 3),
        WindowPoints.Milliseconds(a.Quantile(0.50)), WindowPoints.Milliseconds(a.Quantile(0.90)), WindowPoints.Milliseconds(a.Quantile(0.95)),
        WindowPoints.Milliseconds(a.Quantile(0.99)), a.Count == 0 ? null : Math.Round(a.MeanLatencyMicros / 1000, 3),
        a.Count == 0 ? null : Math.Round(a.LatencyMaxMicros / 1000.0, 3));

    public static string Resolution(RollupLevel level) => level switch
    {
        RollupLevel.Second => "1s",
        RollupLevel.Minute => "1m",
        _ => "1h",
    };

    private static void Add(Dictionary<WindowKey, SortedDictionary<DateTime, WindowAggregate>> buckets, RollupLevel level, List<StoredAggregates.Row> rows)
    {
        foreach (var row in rows) Merge(buckets, row.Key, RollupResolution.Floor(row.WindowStart, level), row.Aggregate);
    }

    private static void Merge(Dictionary<WindowKey, SortedDictionary<DateTime, WindowAggregate>> buckets, WindowKey key, DateTime bucket, WindowAggregate aggregate)
    {
        if (!buckets.TryGetValue(key, out var series)) buckets[key] = series = [];
        if (series.TryGetValue(bucket, out var existing)) existing.Merge(aggregate);
        else series[bucket] = aggregate.Clone();
    }

    private static DateTime Clamp(DateTime value, DateTime min, DateTime max) => value < min ? min : value > max ? max : value;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
