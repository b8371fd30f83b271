using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Portal.Core.Windowing;
using Portal.Pipeline;
using Portal.Processing;
using Portal.Storage.Writers;

namespace Portal.Live;

/// <summary>
/// Coalesces what the processors publish and sends it to the subscribed browsers once a second per group. The latest
/// state of a window replaces older ones; a group whose previous send has not finished (a slow client) skips a beat and
/// gets the newest state next time, so no client slows the pipeline or the others.
/// </summary>
public sealed class LiveFeed(IHubContext<LiveHub> hub, IOptions<WindowingOptions> options, ILogger<LiveFeed> logger)
    : BackgroundService, ITelemetryProcessor
{
    private readonly object _gate = new();
    private Dictionary<string, Dictionary<(string Series, long T), LivePoint>> _points = [];
    private Dictionary<string, ServiceTick> _services = [];
    private List<LiveEvent> _events = [];
    private SystemUpdate? _system;
    private readonly Dictionary<string, Task> _inFlight = [];

    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    public void Publish(IReadOnlyList<WindowResult> results)
    {
        if (results.Count == 0) return;
        lock (_gate)
        {
            foreach (var result in results)
            {
                var group = LiveGroups.For(result.Key);
                if (!_points.TryGetValue(group, out var points)) _points[group] = points = [];
                foreach (var point in WindowPoints.From(result, options.Value.WindowSize)) points[(point.Series, point.T)] = point;
                if (result.Key.Scope == WindowScope.Service)
                {
                    var a = result.Aggregate;
                    _services[result.Key.Key] = new ServiceTick(result.Key.Key, new DateTimeOffset(result.WindowStart).ToUnixTimeMilliseconds(),
                        a.Count, a.Errors, WindowPoints.Milliseconds(a.Quantile(0.95)), result.Kind == WindowResultKind.Correction);
                }
            }
        }
    }

    public void PublishStats(WindowEngineStats stats, long queuedSpans)
    {
        var d = stats.Delays;
        var update = new SystemUpdate(stats.RecordsTotal, double.IsNaN(stats.Timeliness) ? null : stats.Timeliness, stats.CorrectionsEmitted,
            stats.LateDeltasEmitted, stats.FinalsEmitted, stats.OpenWindows, stats.OpenAggregates, stats.Keys, stats.ActiveSources,
            queuedSpans, stats.Watermark, [d.UpTo1s, d.From1To3s, d.From3To10s, d.From10To60s, d.Over60s]);
        lock (_gate) _system = update;
    }

    public void OnCommitted(TelemetryBatch batch)
    {
        if (batch.Events.Count == 0) return;
        lock (_gate)
        {
            foreach (var e in batch.Events) _events.Add(new LiveEvent(e.Id, e.Source, e.Type, e.Time, e.Subject));
            if (_events.Count > 200) _events.RemoveRange(0, _events.Count - 200);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Flush();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private void Flush()
    {
        Dictionary<string, Dictionary<(string, long), LivePoint>> points;
        Dictionary<string, ServiceTick> services;
        List<LiveEvent> events;
        SystemUpdate? system;
        lock (_gate)
        {
            (points, _points) = (_points, []);
            (services, _services) = (_services, []);
            (events, _events) = (_events, []);
            (system, _system) = (_system, null);
        }

        foreach (var (group, groupPoints) in points)
        {
            if (!TrySend(group, new LiveUpdate(groupPoints.Values.OrderBy(p => p.T).ToList())))
            {
                lock (_gate) Requeue(group, groupPoints);
            }
        }
        if (services.Count > 0 && !TrySend(LiveGroups.Services, new ServicesUpdate(services.Values.ToList())))
        {
            lock (_gate) foreach (var (name, tick) in services) _services.TryAdd(name, tick);
        }
        if (events.Count > 0 && !TrySend(LiveGroups.Events, new EventsUpdate(events)))
        {
            lock (_gate) _events.InsertRange(0, events);
        }
        if (system is not null) TrySend(LiveGroups.System, system);
    }

    private void Requeue(string group, Dictionary<(string, long), LivePoint> older)
    {
        if (!_points.TryGetValue(group, out var newer)) _points[group] = newer = [];
        foreach (var (key, point) in older) newer.TryAdd(key, point);
    }

    /// <summary>Starts a send unless the group's previous one is still going; false means "keep it for the next beat".</summary>
    private bool TrySend(string group, object payload)
    {
        if (_inFlight.TryGetValue(group, out var previous) && !previous.IsCompleted) return false;
        _inFlight[group] = SendAsync(group, payload);
        return true;
    }

    private async Task SendAsync(string group, object payload)
    {
        try
        {
            await hub.Clients.Group(group).SendAsync("update", group, payload);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            logger.LogDebug("Live update to {Group} failed: {Error}", group, e.Message);
        }
    }
}
