using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Core.Records;
using Portal.Core.Windowing;
using Portal.Live;
using Portal.Pipeline;
using Portal.Storage;
using Portal.Storage.Writers;

namespace Portal.Processing;

/// <summary>
/// Feeds committed spans into the window engine and, every tick, persists its final windows and late deltas together
/// with the final horizon (one transaction), and hands first results and corrections to the live feed. After a restart
/// the open windows are rebuilt from the stored spans, so nothing is lost or counted twice.
/// </summary>
public sealed class WindowProcessor(
    NpgsqlDataSource dataSource,
    DatabaseReadiness readiness,
    LiveWindowCache recent,
    LiveFeed live,
    IOptions<WindowingOptions> options,
    IOptions<WindowEngineOptions> engineOptions,
    TimeProvider clock,
    ILogger<WindowProcessor> logger) : BackgroundService, ITelemetryProcessor
{
    private readonly Channel<(List<SpanRecord> Spans, DateTime Arrival)> _inbox = Channel.CreateUnbounded<(List<SpanRecord>, DateTime)>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly WindowEngine _engine = new(engineOptions.Value);
    private readonly List<AggregateRow> _unsavedFinals = [];
    private readonly List<AggregateRow> _unsavedDeltas = [];
    private long _queuedSpans;

    /// <summary>The engine's figures for self-monitoring, refreshed every tick.</summary>
    public WindowEngineStats Stats { get; private set; } = new();

    public long QueuedSpans => Interlocked.Read(ref _queuedSpans);

    public void OnCommitted(TelemetryBatch batch)
    {
        if (batch.Spans.Count == 0) return;
        Interlocked.Add(ref _queuedSpans, batch.Spans.Count);
        _inbox.Writer.TryWrite((batch.Spans, clock.GetUtcNow().UtcDateTime));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!readiness.IsMigrated) await Task.Delay(100, stoppingToken);
        await RebuildAsync(stoppingToken);

        using var timer = new PeriodicTimer(options.Value.TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await TickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was not persisted is rebuilt from the stored spans at the next start.
        }
    }

    private async Task RebuildAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var state = await WindowState.ReadAsync(conn, null, now, ct);
        var recoverFrom = state.FinalHorizon - options.Value.RecoveryLookback;
        // Spans before a window only help resolve the callers of its spans.
        var spans = await StoredSpans.ReadSinceAsync(conn, recoverFrom - _engine.Options.SpanServiceRetention, ct);
        var recovered = await FinalWindowRecovery.RecomputeAsync(conn, state, recoverFrom, spans, engineOptions.Value, ct);
        var added = _engine.Rebuild(spans, state.FinalHorizon);
        logger.LogInformation("Windows rebuilt from {Added} stored spans after {Horizon:O}; {Recovered} final windows recomputed.",
            added, state.FinalHorizon, recovered);
    }

    private async Task TickAsync(CancellationToken ct)
    {
        while (_inbox.Reader.TryRead(out var item))
        {
            foreach (var span in item.Spans) _engine.Add(span, item.Arrival);
            Interlocked.Add(ref _queuedSpans, -item.Spans.Count);
        }

        var results = _engine.AdvanceTo(clock.GetUtcNow().UtcDateTime);
        foreach (var result in results)
        {
            switch (result.Kind)
            {
                case WindowResultKind.Final:
                    _unsavedFinals.Add(new AggregateRow(RollupLevel.Second, result.Key, result.WindowStart, result.Aggregate, result.Revision));
                    break;
                case WindowResultKind.LateDelta:
                    _unsavedDeltas.Add(new AggregateRow(RollupLevel.Second, result.Key, result.WindowStart, result.Aggregate));
                    break;
            }
        }
        recent.Apply(results, _engine.FinalHorizon);
        live.Publish(results);
        Stats = _engine.GetStats();
        live.PublishStats(Stats, QueuedSpans);
        if (_unsavedFinals.Count > 0 || _unsavedDeltas.Count > 0) await PersistAsync(ct);
    }

    // Unsaved results wait for the next tick when the store is down; the horizon moves only with what was saved.
    private async Task PersistAsync(CancellationToken ct)
    {
        try
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            await AggregateRows.UpsertRollupsAsync(conn, tx, _unsavedFinals, ct);
            await AggregateRows.InsertDeltasAsync(conn, tx, _unsavedDeltas, ct);
            var state = await WindowState.ReadAsync(conn, tx, clock.GetUtcNow().UtcDateTime, ct);
            await (state with { FinalHorizon = _engine.FinalHorizon }).WriteAsync(conn, tx, ct);
            await tx.CommitAsync(ct);
            _unsavedFinals.Clear();
            _unsavedDeltas.Clear();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Persisting {Finals} final windows and {Deltas} late deltas failed; retrying next tick: {Error}",
                _unsavedFinals.Count, _unsavedDeltas.Count, e.Message);
        }
    }
}
