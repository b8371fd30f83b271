using System.Threading.Channels;
using Portal.TrafficGen.Delivery;
using Portal.TrafficGen.Senders;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Running;

/// <summary>
/// Runs the traffic: a producer generates transactions at the configured rate (or as fast as the queue allows) and
/// schedules each record's delivery; a dispatcher takes the records that are due and cuts them into batches per kind;
/// <c>concurrency</c> workers send the batches. When the count or duration is reached, what is still held back is
/// delivered at once and the sender flushed; when the token is cancelled, the run stops where it is.
/// </summary>
public sealed class TrafficRunner
{
    private readonly TrafficOptions _options;
    private readonly ITelemetrySender _sender;
    private readonly int _batchSize;
    private readonly int _concurrency;
    private readonly TimeProvider _time;
    private readonly DelayQueue _queue = new();
    private volatile bool _producerDone;

    public TrafficRunner(TrafficOptions options, ITelemetrySender sender, int batchSize, int concurrency, TrafficStats? stats = null, TimeProvider? time = null)
    {
        _options = options;
        _sender = sender;
        _batchSize = batchSize;
        _concurrency = concurrency;
        _time = time ?? TimeProvider.System;
        Stats = stats ?? new TrafficStats();
        Generator = new TrafficGenerator(options, _time);
    }

    /// <summary>The generator, for <see cref="TrafficGenerator.InjectFault"/> while the run goes on.</summary>
    public TrafficGenerator Generator { get; }

    public TrafficStats Stats { get; }

    public StatsSnapshot Snapshot() => Stats.Snapshot(Now, _queue.Count);

    /// <summary>Runs until the count or duration is reached or <paramref name="ct"/> is cancelled; returns normally on cancellation.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(_concurrency * 2) { SingleWriter = true });
        var workers = Enumerable.Range(0, _concurrency).Select(_ => Task.Run(() => WorkAsync(batches.Reader, ct), CancellationToken.None)).ToList();
        var dispatcher = Task.Run(() => DispatchAsync(batches.Writer, ct), CancellationToken.None);
        try
        {
            await ProduceAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        _producerDone = true;
        await dispatcher;
        await Task.WhenAll(workers);
        if (!ct.IsCancellationRequested) await _sender.FlushAsync(CancellationToken.None);
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private async Task ProduceAsync(CancellationToken ct)
    {
        var started = Now;
        var last = started;
        var credit = 0.0;
        long produced = 0;
        while (!ct.IsCancellationRequested)
        {
            var now = Now;
            if (_options.Duration is { } duration && now - started >= duration) return;
            if (_options.Count is { } count && produced >= count) return;
            _queue.AddRange(Generator.Tick(now));
            if (_queue.Count > _options.MaxPendingRecords)
            {
                await Task.Delay(5, ct);
                continue;
            }

            int due;
            if (_options.Rate == 0) due = 64;
            else
            {
                // Credit accrues with time at the (burst-adjusted) rate; a stall never turns into more than a second's catch-up.
                var rate = _options.Rate * Generator.RateFactor(now);
                credit = Math.Min(credit + rate * (now - last).TotalSeconds, Math.Max(1, rate));
                due = (int)credit;
                credit -= due;
            }
            last = now;
            if (_options.Count is { } limit) due = (int)Math.Min(due, limit - produced);
            for (var i = 0; i < due; i++)
            {
                var transaction = _sender.Prepare(Generator.Next(now));
                _queue.AddRange(Generator.Schedule(transaction));
            }
            produced += due;
            Stats.Generated(due);
            if (_options.Rate > 0) await Task.Delay(5, ct);
            else if (due > 0) await Task.Yield();
        }
    }

    private async Task DispatchAsync(ChannelWriter<Batch> batches, CancellationToken ct)
    {
        List<SimSpan> spans = [];
        List<SimLog> logs = [];
        List<SimEvent> events = [];
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var finishing = _producerDone;
                // Once production has ended, what is still held back goes out at once.
                var due = _queue.TakeDue(finishing ? DateTime.MaxValue : Now, _batchSize * _concurrency);
                foreach (var item in due)
                {
                    if (item.Span is { } span) spans.Add(span);
                    else if (item.Log is { } log) logs.Add(log);
                    else events.Add(item.Event!);
                    if (spans.Count == _batchSize) await batches.WriteAsync(new Batch.Spans(Swap(ref spans)), ct);
                    if (logs.Count == _batchSize) await batches.WriteAsync(new Batch.Logs(Swap(ref logs)), ct);
                    if (events.Count == _batchSize) await batches.WriteAsync(new Batch.Events(Swap(ref events)), ct);
                }
                if (due.Count == _batchSize * _concurrency) continue;

                // Nothing more is due right now: send the partial batches rather than hold them.
                if (spans.Count > 0) await batches.WriteAsync(new Batch.Spans(Swap(ref spans)), ct);
                if (logs.Count > 0) await batches.WriteAsync(new Batch.Logs(Swap(ref logs)), ct);
                if (events.Count > 0) await batches.WriteAsync(new Batch.Events(Swap(ref events)), ct);
                if (finishing && _queue.Count == 0) break;
                await Task.Delay(20, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        batches.Complete();
    }

    private async Task WorkAsync(ChannelReader<Batch> batches, CancellationToken ct)
    {
        try
        {
            await foreach (var batch in batches.ReadAllAsync(ct))
            {
                switch (batch)
                {
                    case Batch.Spans s:
                        Stats.SentSpans(s.Count);
                        await _sender.SendSpansAsync(s.Items, ct);
                        break;
                    case Batch.Logs l:
                        Stats.SentLogs(l.Count);
                        await _sender.SendLogsAsync(l.Items, ct);
                        break;
                    case Batch.Events e:
                        Stats.SentEvents(e.Count);
                        await _sender.SendEventsAsync(e.Items, ct);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static List<T> Swap<T>(ref List<T> list)
    {
        var full = list;
        list = [];
        return full;
    }
}
