using Portal.Core.Records;
using Portal.Core.Sketches;

namespace Portal.Core.Windowing;

/// <summary>
/// Tumbling event-time windows over spans, with seed 004's late-data compensation, for the scopes of <see cref="WindowScope"/>.
/// </summary>
/// <remarks>
/// <para>A span counts in exactly one window per scope: the one containing its start time, whatever its arrival.</para>
/// <para>Life of a window (W is the global watermark, see <see cref="WatermarkTracker"/>):
/// when W passes the window's end, each key with records emits <see cref="WindowResultKind.First"/>;
/// records arriving after that, until W passes end + <see cref="WindowEngineOptions.AllowedLateness"/>, are added and
/// the changed keys emit one <see cref="WindowResultKind.Correction"/> per <see cref="AdvanceTo"/>;
/// then each key emits <see cref="WindowResultKind.Final"/> and the window is dropped from memory;
/// records for it after that emit <see cref="WindowResultKind.LateDelta"/> holding only themselves, one per key and window per call.</para>
/// <para>Edges: a span's caller is its parent span's service. A child whose parent is not known yet waits (bounded by
/// <see cref="WindowEngineOptions.ParentWaitTimeout"/> and <see cref="WindowEngineOptions.MaxWaitingChildren"/>); when the
/// parent arrives the edge goes into the child's window like any record, so it may be timely, a correction or a late delta.
/// Spans without a parent, and calls within one service, make no edge.</para>
/// <para>Not thread-safe: the host calls it from one thread (or under one lock).</para>
/// </remarks>
public sealed partial class WindowEngine
{
    private readonly WindowEngineOptions _options;
    private readonly long _windowTicks;
    private readonly long _latenessTicks;
    private readonly WindowKeyRegistry _keys = new();
    private readonly WatermarkTracker _watermark;
    private readonly EdgeResolver _edges;

    /// <summary>Open windows in ascending order of index.</summary>
    private readonly List<OpenWindow> _windows = [];
    /// <summary>
    /// Open windows by index modulo the size, checked by <see cref="OpenWindow.Index"/>: records of one batch fall in
    /// several windows, and this finds theirs in one read instead of a binary search.
    /// </summary>
    private readonly OpenWindow?[] _windowsByIndex = new OpenWindow?[64];
    private readonly DenseCountsPool _densePool = new();
    /// <summary>Final windows kept for reuse.</summary>
    private readonly Stack<OpenWindow> _spareWindows = [];
    /// <summary>Windows up to this index have emitted their first result.</summary>
    private long _firstThrough = -1;
    /// <summary>Windows up to this index are final.</summary>
    private long _finalThrough = -1;

    private readonly StagedSpan[] _staged = new StagedSpan[StagedBatch];
    private int _stagedCount;

    /// <summary>Edges resolved since the last flush, applied by <see cref="AddQueuedEdges"/>.</summary>
    private EdgeAdd[] _edgeAdds = new EdgeAdd[StagedBatch];
    private int _edgeAddCount;

    /// <summary>Late records since the last <see cref="AdvanceTo"/>, by key and window.</summary>
    private readonly Dictionary<(int KeyId, long WindowIndex), WindowAggregate> _lateDeltas = [];
    private bool _started;

    private long _recordsTotal, _recordsTimely, _recordsCorrected, _recordsLate, _recordsRebuilt;
    /// <summary>Records by arrival delay: up to 1 s, 1–3 s, 3–10 s, 10–60 s, over 60 s.</summary>
    private readonly long[] _delays = new long[5];
    private long _firsts, _corrections, _finals, _lateDeltasEmitted, _edgesResolved;

    public WindowEngine(WindowEngineOptions? options = null)
    {
        _options = options ?? new WindowEngineOptions();
        _options.Validate();
        _windowTicks = _options.WindowSize.Ticks;
        _latenessTicks = _options.AllowedLateness.Ticks;
        _watermark = new WatermarkTracker(_options);
        _edges = new EdgeResolver(_options, _keys);
    }

    public WindowEngineOptions Options => _options;

    /// <summary>The global watermark: windows ending at or before it have emitted their first result.</summary>
    public DateTime Watermark => new(_watermark.WatermarkTicks, DateTimeKind.Utc);

    /// <summary>
    /// Windows starting before this are final. The host stores it with the final results of each <see cref="AdvanceTo"/>
    /// (in one transaction) and passes the stored value to <see cref="Rebuild"/> after a restart.
    /// </summary>
    public DateTime FinalHorizon => new((_finalThrough + 1) * _windowTicks, DateTimeKind.Utc);

    /// <summary>
    /// Adds one span that arrived at processing time <paramref name="arrivalUtc"/>. Its instance is its watermark source.
    /// Spans are applied in batches (see <see cref="Flush"/>), always before anything reads the engine's state.
    /// </summary>
    public void Add(SpanRecord span, DateTime arrivalUtc)
    {
        ArgumentNullException.ThrowIfNull(span);
        _started = true;
        Stage(span, arrivalUtc.Ticks, rebuilt: false);
    }

    /// <summary>
    /// Seeds a new engine after a restart with the stored spans of the windows that were not final, so they are emitted
    /// again with nothing lost and nothing counted twice. <paramref name="finalHorizonUtc"/> is the last
    /// <see cref="FinalHorizon"/> persisted together with results: spans of earlier windows are already in persisted finals
    /// or late deltas, so they only help resolve edges. Later spans are added to their windows before any new record;
    /// those windows emit first results again, and finals when the watermark (which restarts at the horizon) passes them;
    /// the next <see cref="AdvanceTo"/> does that for every window already old enough.
    /// A stored child in a final window whose parent is not stored waits for its parent again, as its edge was never counted.
    /// Call once, before anything else. Stored spans must include every span added before the restart: a span added after
    /// the last persisted <see cref="AdvanceTo"/> to a window already final is lost, as its late delta was never emitted.
    /// </summary>
    /// <returns>The number of spans added to windows.</returns>
    public long Rebuild(IEnumerable<SpanRecord> storedSpans, DateTime finalHorizonUtc)
    {
        ArgumentNullException.ThrowIfNull(storedSpans);
        if (_started) throw new InvalidOperationException("Rebuild must come before any other call.");
        _started = true;
        var firstOpen = finalHorizonUtc.Ticks / _windowTicks;
        _firstThrough = firstOpen - 1;
        _finalThrough = firstOpen - 1;
        _watermark.Seed(firstOpen * _windowTicks);

        long added = 0;
        var finalChildren = new List<(SpanId Parent, WaitingChild Child)>();
        foreach (var span in storedSpans)
        {
            var windowIndex = span.StartTime.Ticks / _windowTicks;
            if (windowIndex >= firstOpen)
            {
                Stage(span, 0, rebuilt: true);
                added++;
                continue;
            }
            var service = _keys.Service(span.Service);
            if (span.ParentSpanId is { IsEmpty: false } parentId)
            {
                var duration = Math.Max(0, span.DurationMicros);
                finalChildren.Add((parentId, new WaitingChild(service, windowIndex, duration, LatencySketch.BucketIndex(duration), span.IsError)));
            }
            RememberAsParent(span.SpanId.Value, service);
        }
        Flush();
        // A child in a final window whose parent is not stored never had its edge counted: it waits, to become a late delta.
        foreach (var (parent, child) in finalChildren)
            if (!_edges.TryGetService(parent.Value, out _)) _edges.Wait(parent.Value, child);
        _recordsRebuilt += added;
        return added;
    }

    /// <summary>Remembers a span's service for its future children; <see cref="AddFoundEdges"/> completes the edges of children already waiting for it.</summary>
    private void RememberAsParent(ulong spanId, WindowKeyRegistry.ServiceKeys service)
    {
        if (spanId != 0) _edges.Remember(spanId, service);
    }

    /// <summary>Queues the edges of the children that waited for spans remembered since the last call.</summary>
    private void AddFoundEdges()
    {
        _edges.TakeFound();
        foreach (var (caller, child) in _edges.Resolved) AddEdge(caller, child, WindowFor(child.WindowIndex));
        _edges.Resolved.Clear();
    }

    private void AddEdge(WindowKeyRegistry.ServiceKeys caller, in WaitingChild child, OpenWindow? window)
    {
        if (ReferenceEquals(caller, child.Callee)) return;
        _edgesResolved++;
        if (_edgeAddCount == _edgeAdds.Length) Array.Resize(ref _edgeAdds, _edgeAddCount * 2);
        _edgeAdds[_edgeAddCount++] = new EdgeAdd(window, child.WindowIndex, child.Callee.EdgeFrom(caller), child.DurationMicros, child.BucketIndex, child.IsError);
    }

    private void AddToWindow(OpenWindow? window, long windowIndex, int keyId, long durationMicros, int bucketIndex, bool isError)
    {
        if (window is not null)
        {
            window.Add(keyId, durationMicros, bucketIndex, isError);
            return;
        }
        ref var delta = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_lateDeltas, (keyId, windowIndex), out var exists);
        if (!exists) delta = new WindowAggregate();
        delta!.Add(durationMicros, bucketIndex, isError);
    }

    /// <summary>The open window with this index, created if needed; null when that window is already final.</summary>
    private OpenWindow? WindowFor(long index)
    {
        // A final window kept for reuse still carries its index: rule final windows out first.
        if (index <= _finalThrough) return null;
        ref var known = ref _windowsByIndex[index & (_windowsByIndex.Length - 1)];
        if (known is not null && known.Index == index) return known;
        var low = 0;
        var high = _windows.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var found = _windows[middle].Index;
            if (found == index) return known = _windows[middle];
            if (found < index) low = middle + 1;
            else high = middle - 1;
        }
        var created = _spareWindows.TryPop(out var spare) ? spare : new OpenWindow(index, _densePool);
        created.Reuse(index);
        created.FirstEmitted = index <= _firstThrough;
        _windows.Insert(low, created);
        return known = created;
    }

    private void CountDelay(long delayTicks)
    {
        // Comparisons summed, not chained: delays are random, and each branch of a chain would be mispredicted often.
        var bucket = (delayTicks >= TimeSpan.TicksPerSecond ? 1 : 0) + (delayTicks >= 3 * TimeSpan.TicksPerSecond ? 1 : 0)
            + (delayTicks >= 10 * TimeSpan.TicksPerSecond ? 1 : 0) + (delayTicks >= 60 * TimeSpan.TicksPerSecond ? 1 : 0);
        _delays[bucket]++;
    }
}
