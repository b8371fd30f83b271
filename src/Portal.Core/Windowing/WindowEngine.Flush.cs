using Portal.Core.Sketches;

namespace Portal.Core.Windowing;

public sealed partial class WindowEngine
{
    /// <summary>Spans staged before a flush: their state for the later passes stays in the core's own cache.</summary>
    private const int StagedBatch = 1024;

    /// <summary>
    /// How many spans ahead a pass asks for the cache lines it will need. The engine's state (span tables of millions of
    /// entries, thousands of keys in several windows) is far larger than the caches; a short loop that requests lines
    /// this far ahead keeps many loads in flight instead of waiting on each in turn. Measured: the scope pass took
    /// 1.5× the key pass's time at 8 spans ahead (buckets 4), 1.2–1.3× at 4 (buckets 2), 1.6× at 16; edges 8 rather than 16.
    /// </summary>
    private const int ScopeLookahead = 4;
    /// <summary>A key's bucket lines (its dense count, or its sparse entries in use) are found through the slot, so they are asked for later than the slot itself.</summary>
    private const int BucketLookahead = 2;
    private const int EdgeLookahead = 8;
    /// <summary>The key pass's lines (a source, a service's endpoint cache) are found through the names of the span ahead.</summary>
    private const int KeyLookahead = 8;
    /// <summary>
    /// The records themselves, further ahead, as the key pass reads the names of the span <see cref="KeyLookahead"/> ahead:
    /// a batch's records lie one after another, but the hardware's own prefetch did not keep up with the random traffic
    /// around them (the pass stalled on those reads; 165 → 150 ns per record at 215 ns memory latency).
    /// </summary>
    private const int RecordLookahead = 2 * KeyLookahead;
    /// <summary>About the size of a <see cref="Records.SpanRecord"/> with its header: three lines.</summary>
    private const int RecordBytes = 160;
    /// <summary>A source's delay count is found through the source's fields, so it is asked for later.</summary>
    private const int DelayLookahead = 4;

    private void Stage(Records.SpanRecord span, long arrivalTicks, bool rebuilt)
    {
        ref var staged = ref _staged[_stagedCount++];
        staged.Span = span;
        staged.ArrivalTicks = arrivalTicks;
        staged.Rebuilt = rebuilt;
        if (_stagedCount == _staged.Length) Flush();
    }

    /// <summary>
    /// Applies the staged spans in passes, each a short loop over the batch: their keys and windows; the
    /// all/service/endpoint/scenario scopes; the edges' callers; the children found waiting for the batch's spans; the
    /// edges found. Per scope and window the sums are the
    /// same as adding each span whole in turn, as windows change state only in <see cref="AdvanceTo"/>, which flushes first.
    /// </summary>
    private void Flush()
    {
        if (_stagedCount > 0)
        {
            var batch = _staged.AsSpan(0, _stagedCount);
            ResolveKeys(batch);
            AddToScopes(batch);
            AddEdges(batch);
            batch.Clear();
            _stagedCount = 0;
        }
        AddFoundEdges();
        AddQueuedEdges();
    }

    private void ResolveKeys(Span<StagedSpan> batch)
    {
        for (var i = 0; i < batch.Length; i++)
        {
            if (i + RecordLookahead < batch.Length) CacheHint.PrefetchObject(batch[i + RecordLookahead].Span, RecordBytes);
            if (i + KeyLookahead < batch.Length)
            {
                var next = batch[i + KeyLookahead].Span;
                _watermark.Prefetch(next.Instance);
                _keys.Prefetch(next.Service, next.Endpoint, EntryScenario(next));
            }
            if (i + DelayLookahead < batch.Length && !batch[i + DelayLookahead].Rebuilt)
            {
                ref var soon = ref batch[i + DelayLookahead];
                _watermark.PrefetchDelay(soon.Span.Instance, soon.Span.StartTime.Ticks, soon.ArrivalTicks);
            }
            ref var staged = ref batch[i];
            var span = staged.Span;
            var eventTicks = span.StartTime.Ticks;
            staged.WindowIndex = eventTicks / _windowTicks;
            var window = staged.Window = WindowFor(staged.WindowIndex);
            if (!staged.Rebuilt)
            {
                _recordsTotal++;
                CountDelay(staged.ArrivalTicks - eventTicks);
                _watermark.Observe(span.Instance, eventTicks, staged.ArrivalTicks);
                if (window is null) _recordsLate++;
                else if (window.FirstEmitted) _recordsCorrected++;
                else _recordsTimely++;
            }
            var service = staged.Service = _keys.Service(span.Service);
            staged.ServiceKeyId = service.KeyId;
            staged.EndpointKeyId = service.Endpoint(span.Endpoint);
            staged.ScenarioKeyId = EntryScenario(span) is { } scenario ? _keys.Scenario(scenario) : -1;
            staged.DurationMicros = Math.Max(0, span.DurationMicros);
            staged.BucketIndex = LatencySketch.BucketIndex(staged.DurationMicros);
            staged.IsError = span.IsError;
            staged.SpanId = span.SpanId.Value;
            staged.ParentSpanId = span.ParentSpanId.GetValueOrDefault().Value;
        }
    }

    /// <summary>The scenario a span counts in: only a scenario's entry call (a span without parent) does.</summary>
    private static string? EntryScenario(Records.SpanRecord span) =>
        span.ParentSpanId is null && !string.IsNullOrEmpty(span.Scenario) ? span.Scenario : null;

    private void AddToScopes(Span<StagedSpan> batch)
    {
        for (var i = 0; i < batch.Length; i++)
        {
            if (i + ScopeLookahead < batch.Length && batch[i + ScopeLookahead].Window is { } ahead)
            {
                ref var next = ref batch[i + ScopeLookahead];
                ahead.Prefetch(next.ServiceKeyId);
                ahead.Prefetch(next.EndpointKeyId);
                if (next.ScenarioKeyId >= 0) ahead.Prefetch(next.ScenarioKeyId);
            }
            if (i + BucketLookahead < batch.Length && batch[i + BucketLookahead].Window is { } soon)
            {
                ref var next = ref batch[i + BucketLookahead];
                soon.PrefetchBucket(next.ServiceKeyId, next.BucketIndex);
                soon.PrefetchBucket(next.EndpointKeyId, next.BucketIndex);
                if (next.ScenarioKeyId >= 0) soon.PrefetchBucket(next.ScenarioKeyId, next.BucketIndex);
            }
            ref var staged = ref batch[i];
            AddToWindow(ref staged, WindowKeyRegistry.AllKeyId);
            AddToWindow(ref staged, staged.ServiceKeyId);
            AddToWindow(ref staged, staged.EndpointKeyId);
            if (staged.ScenarioKeyId >= 0) AddToWindow(ref staged, staged.ScenarioKeyId);
        }
    }

    private void AddEdges(Span<StagedSpan> batch)
    {
        for (var i = 0; i < batch.Length; i++)
        {
            if (i + EdgeLookahead < batch.Length)
            {
                ref var next = ref batch[i + EdgeLookahead];
                _edges.Prefetch(next.SpanId, next.ParentSpanId);
            }
            ref var staged = ref batch[i];
            if (staged.ParentSpanId != 0)
            {
                var child = new WaitingChild(staged.Service, staged.WindowIndex, staged.DurationMicros, staged.BucketIndex, staged.IsError);
                if (_edges.TryGetService(staged.ParentSpanId, out var caller)) AddEdge(caller, child, staged.Window);
                else _edges.Wait(staged.ParentSpanId, child);
            }
            RememberAsParent(staged.SpanId, staged.Service);
        }
    }

    private void AddQueuedEdges()
    {
        var adds = _edgeAdds.AsSpan(0, _edgeAddCount);
        for (var i = 0; i < adds.Length; i++)
        {
            if (i + ScopeLookahead < adds.Length && adds[i + ScopeLookahead].Window is { } ahead) ahead.Prefetch(adds[i + ScopeLookahead].KeyId);
            if (i + BucketLookahead < adds.Length && adds[i + BucketLookahead].Window is { } soon)
                soon.PrefetchBucket(adds[i + BucketLookahead].KeyId, adds[i + BucketLookahead].BucketIndex);
            ref var add = ref adds[i];
            AddToWindow(add.Window, add.WindowIndex, add.KeyId, add.DurationMicros, add.BucketIndex, add.IsError);
        }
        adds.Clear();
        _edgeAddCount = 0;
    }

    private void AddToWindow(ref StagedSpan staged, int keyId) =>
        AddToWindow(staged.Window, staged.WindowIndex, keyId, staged.DurationMicros, staged.BucketIndex, staged.IsError);
}
