using Portal.Core.Sketches;

namespace Portal.Core.Windowing;

/// <summary>
/// One key's aggregate in an open window, kept inline in the window's array of slots (no object per key and window
/// besides its sketch). An emitted aggregate shares the sketch and is handed out again while nothing changes; the next
/// record copies the sketch first (copy on write), so emitting costs no copy for the many windows that never change again.
/// </summary>
internal struct KeyAggregate
{
    public int KeyId;
    /// <summary>The revision of the last result this key went out with.</summary>
    public int Revision;
    /// <summary>Records arrived since the window emitted; the key is listed once in the window's changed keys.</summary>
    public bool Changed;

    private long _count, _errors, _latencySumMicros, _latencyMinMicros, _latencyMaxMicros;
    private LatencySketch? _sketch;
    private WindowAggregate? _emitted;

    public readonly long Count => _count;

    /// <summary>The same as <see cref="WindowAggregate.Add(long, int, bool)"/>.</summary>
    public void Add(long durationMicros, int bucketIndex, bool isError)
    {
        if (_emitted is not null)
        {
            _sketch = _sketch!.Clone();
            _emitted = null;
        }
        if (durationMicros < 0) durationMicros = 0;
        if (_count == 0)
        {
            _latencyMinMicros = durationMicros;
            _latencyMaxMicros = durationMicros;
        }
        else
        {
            if (durationMicros < _latencyMinMicros) _latencyMinMicros = durationMicros;
            if (durationMicros > _latencyMaxMicros) _latencyMaxMicros = durationMicros;
        }
        _count++;
        if (isError) _errors++;
        _latencySumMicros += durationMicros;
        (_sketch ??= new LatencySketch()).AddBucket(bucketIndex);
    }

    /// <summary>The aggregate to put in a result; the engine no longer changes that object.</summary>
    public WindowAggregate Emit() =>
        _emitted ??= WindowAggregate.FromParts(_count, _errors, _latencySumMicros, _latencyMinMicros, _latencyMaxMicros, _sketch ?? new LatencySketch());
}
