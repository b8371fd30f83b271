namespace Portal.Core.Windowing;

/// <summary>
/// One key's aggregate in an open window, kept inline in the window's array of slots (its sparse buckets in the window's
/// parallel array). Its latency buckets become a sketch only when it emits; the emitted aggregate is handed out again
/// while nothing changes. A dense bucket array comes from the engine's pool and goes back when the window is reused, so
/// steady state allocates only what is emitted.
/// </summary>
internal struct KeyAggregate
{
    public int KeyId;
    /// <summary>The revision of the last result this key went out with.</summary>
    public int Revision;
    /// <summary>Records arrived since the window emitted; the key is listed once in the window's changed keys.</summary>
    public bool Changed;

    private long _count, _errors, _latencySumMicros, _latencyMinMicros, _latencyMaxMicros;
    private BucketCounts _buckets;
    private WindowAggregate? _emitted;

    public readonly long Count => _count;

    /// <summary>The same as <see cref="WindowAggregate.Add(long, int, bool)"/>; <paramref name="sparse"/> is this slot's entries in the window.</summary>
    public void Add(long durationMicros, int bucketIndex, bool isError, ref BucketCounts.Sparse sparse, DenseCountsPool pool)
    {
        _emitted = null;
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
        _buckets.Add(bucketIndex, ref sparse, pool);
    }

    public readonly void PrefetchBuckets(int bucketIndex, ref BucketCounts.Sparse sparse) => _buckets.Prefetch(bucketIndex, ref sparse);

    /// <summary>The aggregate to put in a result; the engine no longer changes that object.</summary>
    public WindowAggregate Emit(ref BucketCounts.Sparse sparse) =>
        _emitted ??= WindowAggregate.FromParts(_count, _errors, _latencySumMicros, _latencyMinMicros, _latencyMaxMicros, _buckets.ToSketch(_count, ref sparse));

    /// <summary>Empties the slot for another key and window; a dense bucket array goes back to <paramref name="pool"/>.</summary>
    public void Reset(ref BucketCounts.Sparse sparse, DenseCountsPool pool)
    {
        KeyId = 0;
        Revision = 0;
        Changed = false;
        _count = _errors = _latencySumMicros = _latencyMinMicros = _latencyMaxMicros = 0;
        _buckets.Reset(ref sparse, pool);
        _emitted = null;
    }
}
