using System.Collections.Concurrent;
using Portal.TrafficGen.Running;
using Portal.TrafficGen.Senders;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Tests;

public sealed class RunnerTests
{
    [Fact]
    public async Task A_counted_run_delivers_every_record_of_every_transaction_in_batches()
    {
        var sender = new RecordingSender();
        var runner = new TrafficRunner(new TrafficOptions { Seed = 9, Rate = 0, Count = 300, Disruptions = false }, sender, batchSize: 100, concurrency: 3);

        await runner.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(8));

        Assert.Equal(300, sender.Prepared.Count);
        Assert.Equal(sender.Prepared.Sum(t => t.Spans.Count), sender.Spans.Count);
        Assert.Equal(sender.Prepared.Sum(t => t.Logs.Count), sender.Logs.Count);
        Assert.Equal(sender.Prepared.Sum(t => t.Events.Count), sender.Events.Count);
        Assert.All(sender.BatchSizes, size => Assert.InRange(size, 1, 100));
        var snapshot = runner.Snapshot();
        Assert.Equal(300, snapshot.Transactions);
        Assert.Equal(sender.Spans.Count, snapshot.SpansSent);
        Assert.Equal(0, snapshot.Pending);
    }

    [Fact]
    public async Task A_cancelled_run_returns_without_throwing()
    {
        var runner = new TrafficRunner(new TrafficOptions { Seed = 9, Rate = 50, Disruptions = false }, new RecordingSender(), 100, 2);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await runner.RunAsync(cancel.Token).WaitAsync(TimeSpan.FromSeconds(5));
        // Paced at 50/s: never more than the elapsed time allows (plus the first tick's share).
        Assert.InRange(runner.Snapshot().Transactions, 1, 50 * clock.Elapsed.TotalSeconds + 2);
    }

    private sealed class RecordingSender : ITelemetrySender
    {
        public ConcurrentBag<Transaction> Prepared { get; } = [];
        public ConcurrentBag<SimSpan> Spans { get; } = [];
        public ConcurrentBag<SimLog> Logs { get; } = [];
        public ConcurrentBag<SimEvent> Events { get; } = [];
        public ConcurrentBag<int> BatchSizes { get; } = [];

        public Transaction Prepare(Transaction transaction)
        {
            Prepared.Add(transaction);
            return transaction;
        }

        public Task SendSpansAsync(IReadOnlyList<SimSpan> spans, CancellationToken ct) => Record(spans, Spans);
        public Task SendLogsAsync(IReadOnlyList<SimLog> logs, CancellationToken ct) => Record(logs, Logs);
        public Task SendEventsAsync(IReadOnlyList<SimEvent> events, CancellationToken ct) => Record(events, Events);
        public Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private Task Record<T>(IReadOnlyList<T> items, ConcurrentBag<T> into)
        {
            BatchSizes.Add(items.Count);
            foreach (var item in items) into.Add(item);
            return Task.CompletedTask;
        }
    }
}
