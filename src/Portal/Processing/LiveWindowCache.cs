using Portal.Core.Windowing;

namespace Portal.Processing;

/// <summary>
/// The latest emitted state of recent windows (first results and corrections, until their final is stored), so a curve
/// read from the store also shows the newest seconds that are not final yet.
/// </summary>
public sealed class LiveWindowCache
{
    /// <summary>Finals stay this long after the horizon passes them, covering the moment until they are stored.</summary>
    private static readonly TimeSpan KeepBehindHorizon = TimeSpan.FromSeconds(30);
    private readonly object _gate = new();
    private readonly Dictionary<WindowKey, SortedList<DateTime, WindowAggregate>> _windows = [];
    private DateTime _sweptAt;

    public void Apply(IReadOnlyList<WindowResult> results, DateTime finalHorizon)
    {
        lock (_gate)
        {
            foreach (var result in results)
            {
                if (result.Kind == WindowResultKind.LateDelta) continue;
                if (!_windows.TryGetValue(result.Key, out var series)) _windows[result.Key] = series = [];
                series[result.WindowStart] = result.Aggregate;
            }
            // The horizon moves about once a second while ticks come many times a second: sweep only when it moved.
            if (finalHorizon == _sweptAt) return;
            _sweptAt = finalHorizon;
            var cutoff = finalHorizon - KeepBehindHorizon;
            foreach (var (key, series) in _windows.ToList())
            {
                while (series.Count > 0 && series.Keys[0] < cutoff) series.RemoveAt(0);
                if (series.Count == 0) _windows.Remove(key);
            }
        }
    }

    /// <summary>The cached windows of <paramref name="key"/> in [from, to): aggregates are read-only.</summary>
    public List<(DateTime Start, WindowAggregate Aggregate)> Read(WindowKey key, DateTime fromUtc, DateTime toUtc)
    {
        lock (_gate)
        {
            if (!_windows.TryGetValue(key, out var series)) return [];
            var found = new List<(DateTime, WindowAggregate)>();
            foreach (var (start, aggregate) in series)
            {
                if (start >= fromUtc && start < toUtc) found.Add((start, aggregate));
            }
            return found;
        }
    }

    /// <summary>Every key of <paramref name="scope"/> that has a cached window.</summary>
    public List<WindowKey> Keys(WindowScope scope)
    {
        lock (_gate) return _windows.Keys.Where(k => k.Scope == scope).ToList();
    }
}
