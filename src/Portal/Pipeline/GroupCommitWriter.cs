using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Storage;
using Portal.Storage.Writers;

namespace Portal.Pipeline;

/// <summary>
/// The durable step of ingestion. Requests that arrive together share one transaction (group commit); each request is
/// answered only once its records are committed. Pending records are bounded (429 beyond), a failing store is answered
/// with 503 at once for a short while, and committed batches are handed to the processors.
/// </summary>
public sealed class GroupCommitWriter(
    NpgsqlDataSource dataSource,
    DatabaseReadiness readiness,
    IEnumerable<ITelemetryProcessor> processors,
    IOptions<PipelineOptions> options,
    ILogger<GroupCommitWriter> logger) : BackgroundService
{
    private sealed record PendingWrite(TelemetryBatch Batch, TaskCompletionSource<WriteOutcome> Done);

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly ITelemetryProcessor[] _processors = processors.ToArray();
    private readonly PipelineOptions _options = options.Value;
    private long _pending;
    private long _storeDownUntilTicks;

    public long PendingRecords => Interlocked.Read(ref _pending);

    public async Task<WriteOutcome> SubmitAsync(TelemetryBatch batch, CancellationToken ct)
    {
        if (batch.Count == 0) return WriteOutcome.Committed;
        if (!readiness.IsMigrated || DateTime.UtcNow.Ticks < Interlocked.Read(ref _storeDownUntilTicks)) return WriteOutcome.StoreUnavailable;
        if (Interlocked.Add(ref _pending, batch.Count) > _options.MaxPendingRecords)
        {
            Interlocked.Add(ref _pending, -batch.Count);
            return WriteOutcome.Overloaded;
        }

        var write = new PendingWrite(batch, new TaskCompletionSource<WriteOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(write, ct);
        try
        {
            // The request stops waiting after the timeout; the write itself still completes or fails as one transaction.
            return await write.Done.Task.WaitAsync(_options.CommitTimeout, ct);
        }
        catch (TimeoutException)
        {
            return WriteOutcome.StoreUnavailable;
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, _options.Writers)).Select(_ => Task.Run(() => WriteLoopAsync(stoppingToken), stoppingToken)));

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        var group = new List<PendingWrite>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(ct))
            {
                await GatherAsync(group, ct);
                await CommitAsync(group, ct);
                group.Clear();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            foreach (var write in group) write.Done.TrySetResult(WriteOutcome.StoreUnavailable);
        }
    }

    private async Task GatherAsync(List<PendingWrite> group, CancellationToken ct)
    {
        var records = 0;
        var deadline = DateTime.UtcNow + _options.GroupCommitInterval;
        while (records < _options.MaxRecordsPerCommit)
        {
            if (_queue.Reader.TryRead(out var write))
            {
                group.Add(write);
                records += write.Batch.Count;
                continue;
            }
            var wait = deadline - DateTime.UtcNow;
            if (group.Count > 0 && wait <= TimeSpan.Zero) break;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (group.Count > 0) timeout.CancelAfter(wait);
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(timeout.Token)) break;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> group, CancellationToken ct)
    {
        var batch = Merge(group);
        var outcome = await TryWriteAsync(batch, ct);
        if (outcome == WriteOutcome.Rejected && group.Count > 1)
        {
            // One request's data poisoned the shared transaction: commit each on its own so only that one fails.
            foreach (var write in group) Complete(write.Batch, [write], await TryWriteAsync(write.Batch, ct));
            return;
        }
        Complete(batch, group, outcome);
    }

    private async Task<WriteOutcome> TryWriteAsync(TelemetryBatch batch, CancellationToken ct)
    {
        try
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await TelemetryStore.WriteAsync(conn, batch, ct);
            return WriteOutcome.Committed;
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal))
        {
            logger.LogWarning("The store refused a batch of {Records} records: {Error}", batch.Count, e.MessageText);
            return WriteOutcome.Rejected;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Commit of {Records} records failed; answering 503 for {Delay}: {Error}", batch.Count, _options.StoreRetryDelay, e.Message);
            Interlocked.Exchange(ref _storeDownUntilTicks, (DateTime.UtcNow + _options.StoreRetryDelay).Ticks);
            return WriteOutcome.StoreUnavailable;
        }
    }

    private void Complete(TelemetryBatch batch, List<PendingWrite> writes, WriteOutcome outcome)
    {
        Interlocked.Add(ref _pending, -batch.Count);
        if (outcome == WriteOutcome.Committed)
        {
            foreach (var processor in _processors) processor.OnCommitted(batch);
        }
        foreach (var write in writes) write.Done.TrySetResult(outcome);
    }

    private static TelemetryBatch Merge(List<PendingWrite> group)
    {
        if (group.Count == 1) return group[0].Batch;
        var merged = new TelemetryBatch();
        foreach (var write in group)
        {
            merged.Spans.AddRange(write.Batch.Spans);
            merged.Logs.AddRange(write.Batch.Logs);
            merged.Events.AddRange(write.Batch.Events);
        }
        return merged;
    }
}
