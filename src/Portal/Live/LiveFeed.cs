using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Portal.Core.Windowing;
using Portal.Pipeline;
using Portal.Processing;
using Portal.Storage.Writers;

namespace Portal.Live;

/// <summary>
/// Coalesces what the processors publish and sends it to the subscribed browsers, at most once a second per group: a
/// group that has not been sent to for a second gets new results at once (the next 100 ms check), so a first result
/// reaches the gauge without waiting for a fixed beat. The latest state of a window replaces older ones; a group whose
/// previous send has not finished (a slow client) waits and then gets the newest state, so no client slows the pipeline
/// or the others.
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
    private readonly Dictionary<string, DateTime> _lastSent = [];

    /// <summary>The shortest time between two updates of one group.</summary>
    public static readonly TimeSpan MinGroupInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(100);

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
        using var timer = new PeriodicTimer(CheckInterval);
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
        var now = DateTime.UtcNow;
        var due = new List<(string Group, object Payload)>();
        lock (_gate)
        {
            foreach (var (group, points) in _points.Where(p => Due(p.Key, now)).ToList())
            {
                _points.Remove(group);
                due.Add((group, new LiveUpdate(points.Values.OrderBy(p => p.T).ToList())));
            }
            if (_services.Count > 0 && Due(LiveGroups.Services, now))
            {
                due.Add((LiveGroups.Services, new ServicesUpdate(_services.Values.ToList())));
                _services = [];
            }
            if (_events.Count > 0 && Due(LiveGroups.Events, now))
            {
                due.Add((LiveGroups.Events, new EventsUpdate(_events)));
                _events = [];
            }
            if (_system is not null && Due(LiveGroups.System, now))
            {
                due.Add((LiveGroups.System, _system));
                _system = null;
            }
        }
        foreach (var (group, payload) in due)
        {
            _lastSent[group] = now;
            _inFlight[group] = SendAsync(group, payload);
        }
    }

    /// <summary>A group is due when its last update is a second old and has been delivered.</summary>
    private bool Due(string group, DateTime now) =>
        (!_lastSent.TryGetValue(group, out var last) || now - last >= MinGroupInterval)
        && (!_inFlight.TryGetValue(group, out var previous) || previous.IsCompleted);

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
