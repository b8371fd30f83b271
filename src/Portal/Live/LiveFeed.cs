using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Portal.Core.Windowing;
using Portal.Pipeline;
using Portal.Processing;
using Portal.Storage.Writers;

namespace Portal.Live;

/// <summary>
/// Coalesces what the processors publish and sends it to the subscribed browsers, about once a second per group. Windows
/// close once a second, so a group's news that holds a first result goes out as soon as it is published (at least
/// <see cref="FirstResultInterval"/> after the group's previous update); news of corrections alone waits for the next
/// first result to ride along, or <see cref="CorrectionInterval"/> at most, so corrections never push a first result
/// back by a second. The latest state of a window replaces older ones. Each connection is sent to on its own: one that
/// has not taken its previous update of a group (a slow or stalled client) misses the next, so no client slows the
/// pipeline or the others.
/// </summary>
public sealed class LiveFeed(IHubContext<LiveHub> hub, LiveSubscribers subscribers, IOptions<WindowEngineOptions> options, ILogger<LiveFeed> logger)
    : BackgroundService, ITelemetryProcessor
{
    private readonly object _gate = new();
    private readonly Dictionary<string, PendingPoints> _points = [];
    private Dictionary<string, ServiceTick> _services = [];
    private bool _servicesHaveFirst;
    private List<LiveEvent> _events = [];
    private SystemUpdate? _system;
    private readonly Dictionary<(string Connection, string Group), Task> _inFlight = [];
    private readonly Dictionary<string, DateTime> _lastSent = [];

    private readonly SemaphoreSlim _published = new(0);

    /// <summary>The shortest time between two updates of one group when the newer holds a first result: a little under
    /// a second, so the jitter of the processor's tick does not hold a window back for a whole extra check.</summary>
    public static readonly TimeSpan FirstResultInterval = TimeSpan.FromMilliseconds(900);

    /// <summary>How long corrections alone (or events, or the portal's own figures) wait after a group's previous update.</summary>
    public static readonly TimeSpan CorrectionInterval = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan OtherInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Queues the first results and corrections among <paramref name="results"/>; finals and late deltas only go to the store.</summary>
    public void Publish(IReadOnlyList<WindowResult> results)
    {
        var queued = false;
        lock (_gate)
        {
            foreach (var result in results)
            {
                if (result.Kind is not (WindowResultKind.First or WindowResultKind.Correction)) continue;
                queued = true;
                var group = LiveGroups.For(result.Key);
                if (!_points.TryGetValue(group, out var pending)) _points[group] = pending = new PendingPoints();
                pending.Add(WindowPoints.From(result, options.Value.WindowSize));
                if (result.Key.Scope == WindowScope.Service)
                {
                    var a = result.Aggregate;
                    var correction = result.Kind == WindowResultKind.Correction;
                    _services[result.Key.Key] = new ServiceTick(result.Key.Key, new DateTimeOffset(result.WindowStart).ToUnixTimeMilliseconds(),
                        a.Count, a.Errors, WindowPoints.Milliseconds(a.Quantile(0.95)), correction);
                    _servicesHaveFirst |= !correction;
                }
            }
        }
        if (queued && _published.CurrentCount == 0) _published.Release();
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
        try
        {
            while (true)
            {
                // Woken by new results at once, else every check interval for news that had to wait.
                await _published.WaitAsync(CheckInterval, stoppingToken);
                Flush();
            }
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
            foreach (var (group, pending) in _points.Where(p => Due(p.Key, now, p.Value.HasFirst ? FirstResultInterval : CorrectionInterval)).ToList())
            {
                _points.Remove(group);
                due.Add((group, new LiveUpdate(pending.InTimeOrder())));
            }
            if (_services.Count > 0 && Due(LiveGroups.Services, now, _servicesHaveFirst ? FirstResultInterval : CorrectionInterval))
            {
                due.Add((LiveGroups.Services, new ServicesUpdate(_services.Values.ToList())));
                _services = [];
                _servicesHaveFirst = false;
            }
            if (_events.Count > 0 && Due(LiveGroups.Events, now, OtherInterval))
            {
                due.Add((LiveGroups.Events, new EventsUpdate(_events)));
                _events = [];
            }
            if (_system is not null && Due(LiveGroups.System, now, OtherInterval))
            {
                due.Add((LiveGroups.System, _system));
                _system = null;
            }
        }
        foreach (var done in _inFlight.Where(f => f.Value.IsCompleted).Select(f => f.Key).ToList()) _inFlight.Remove(done);
        foreach (var (group, payload) in due)
        {
            _lastSent[group] = now;
            foreach (var connection in subscribers.Of(group))
            {
                // A connection still taking its previous update of this group misses this one: the next carries newer state.
                if (_inFlight.ContainsKey((connection, group))) continue;
                _inFlight[(connection, group)] = SendAsync(connection, group, payload);
            }
        }
    }

    /// <summary>A group is due when its last update is <paramref name="interval"/> old.</summary>
    private bool Due(string group, DateTime now, TimeSpan interval) =>
        !_lastSent.TryGetValue(group, out var last) || now - last >= interval;

    private async Task SendAsync(string connection, string group, object payload)
    {
        try
        {
            await hub.Clients.Client(connection).SendAsync("update", group, payload);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            logger.LogDebug("Live update of {Group} to {Connection} failed: {Error}", group, connection, e.Message);
        }
    }
}
