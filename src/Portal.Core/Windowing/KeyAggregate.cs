using System.Runtime.InteropServices;

namespace Portal.Core.Windowing;

/// <summary>
/// One key's counts in an open window, kept inline in the window's cache-aligned array of slots: three cache lines, the
/// first holding everything an add reads and writes but the buckets' entries (the sums, and where the buckets are). Its
/// latency buckets become a sketch only when it emits. What the window emitted for the key is kept apart
/// (<see cref="KeyEmission"/>), so an add touches the first line and one bucket line, where a slot of 96 bytes at any
/// 8-byte boundary took two or three lines and a bucket line.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KeyAggregate
{
    private long _count, _errors, _latencySumMicros, _latencyMinMicros, _latencyMaxMicros;
    private BucketCounts _buckets;

    public readonly long Count => _count;

    /// <summary>The same as <see cref="WindowAggregate.Add(long, int, bool)"/>.</summary>
    public void Add(long durationMicros, int bucketIndex, bool isError, DenseCountsPool pool)
    {
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
        _buckets.Add(bucketIndex, pool);
    }

    public readonly void PrefetchBuckets(int bucketIndex, DenseCountsPool pool) => _buckets.Prefetch(bucketIndex, pool);

    /// <summary>The aggregate as it stands, to put in a result; it shares nothing with this.</summary>
    public readonly WindowAggregate ToAggregate(DenseCountsPool pool) =>
        WindowAggregate.FromParts(_count, _errors, _latencySumMicros, _latencyMinMicros, _latencyMaxMicros, _buckets.ToSketch(_count, pool));

    /// <summary>Empties the slot for another key and window; a dense bucket block goes back to <paramref name="pool"/>.</summary>
    public void Reset(DenseCountsPool pool)
    {
        _count = _errors = _latencySumMicros = _latencyMinMicros = _latencyMaxMicros = 0;
        _buckets.Reset(pool);
    }
}
