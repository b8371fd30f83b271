using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Portal.Core.Sketches;

namespace Portal.Core.Windowing;

/// <summary>
/// The latency buckets of one key in one open window, built up record by record and turned into a
/// <see cref="LatencySketch"/> only when the window emits. Its sparse entries are inline, after the fields a record reads
/// whatever its bucket (<see cref="KeyAggregate"/> keeps those in one cache line); its dense counts are a block of the
/// engine's <see cref="DenseCountsPool"/>, given back when it is <see cref="Reset"/>, so a window that turns over
/// allocates nothing. It holds no references.
/// </summary>
/// <remarks>
/// Sparse first: entries packed as in <see cref="LatencySketch"/> but with the bucket index plus one
/// ((index + 1) &lt;&lt; 20 | count), so a zeroed entry is free; in order of arrival, searched eight at a time with vector
/// compares (no sorting, no shifting on insert; a sketch sorts them once, when emitted). Past <see cref="MaxSparse"/>
/// buckets, or a count the packing cannot hold, it turns dense: counts by bucket index over the range in use, 32-bit (half
/// the lines of 64-bit counts to keep in cache; a bucket would need 1.2 M records a second for an hour, in one key, to
/// overflow, far beyond one engine, and an overflow throws rather than count wrong).
/// </remarks>
internal struct BucketCounts
{
    public const int MaxSparse = 32;
    private const uint IndexMask = ~LatencySketch.SparseCountMask;
    private const uint IndexOne = 1u << LatencySketch.SparseCountBits;
    /// <summary>Sparse entries per cache line: prefetched a line at a time.</summary>
    private const int SparsePerLine = CacheAlignedArray<KeyAggregate>.LineBytes / sizeof(uint);

    /// <summary>The sparse entries: 128 bytes, two cache lines.</summary>
    [InlineArray(MaxSparse)]
    public struct Sparse
    {
        private uint _entry;
    }

    private int _sparseCount;
    /// <summary>Where the dense counts start in the pool (the count of bucket index <c>_offset</c>); only while dense.</summary>
    private int _denseStart;
    /// <summary>How many bucket indices the dense counts cover from <c>_offset</c>; 0 while sparse.</summary>
    private int _denseLength;
    private int _offset;
    /// <summary>The non-empty range of bucket indices while dense.</summary>
    private int _low, _high;
    /// <summary>Last, so that the fields above share a line with the key's sums.</summary>
    private Sparse _sparse;

    private readonly bool IsDense => _denseLength != 0;

    public void Add(int bucketIndex, DenseCountsPool pool)
    {
        if (!IsDense)
        {
            if (TryAddSparse(bucketIndex)) return;
            ToDense(pool);
        }
        AddDense(bucketIndex, 1, pool);
    }

    /// <summary>
    /// Starts loading what an add to <paramref name="bucketIndex"/> reads besides these fields: the count once dense, else
    /// the lines of the sparse entries in use and of the next free one.
    /// </summary>
    public readonly void Prefetch(int bucketIndex, DenseCountsPool pool)
    {
        if (IsDense)
        {
            var at = bucketIndex - _offset;
            if ((uint)at < (uint)_denseLength) CacheHint.Prefetch(ref pool.CountAt(_denseStart + at));
            return;
        }
        ReadOnlySpan<uint> entries = _sparse;
        var used = Math.Min(_sparseCount + 1, MaxSparse);
        for (var i = 0; i < used; i += SparsePerLine) CacheHint.Prefetch(ref Unsafe.AsRef(in entries[i]));
    }

    /// <summary>A sketch of these buckets, holding <paramref name="count"/> values; it shares nothing with this.</summary>
    public readonly LatencySketch ToSketch(long count, DenseCountsPool pool)
    {
        if (count == 0) return new LatencySketch();
        if (IsDense) return DenseToSketch(count, pool);
        var entries = new uint[_sparseCount];
        for (var i = 0; i < entries.Length; i++) entries[i] = _sparse[i] - IndexOne;
        // The index is in the high bits: sorting the packed entries sorts them by index.
        Array.Sort(entries);
        return LatencySketch.FromSortedSparse(entries, count);
    }

    /// <summary>A sketch of the dense counts, sparse when they fit a sparse sketch (a tenth of the bytes, as results are kept a while).</summary>
    private readonly LatencySketch DenseToSketch(long count, DenseCountsPool pool)
    {
        var range = UsedRange(pool);
        var nonEmpty = 0;
        var fitsSparse = true;
        foreach (var n in range)
        {
            if (n == 0) continue;
            nonEmpty++;
            fitsSparse &= n <= LatencySketch.SparseCountMask;
        }
        if (!fitsSparse || nonEmpty > LatencySketch.MaxSparseBuckets) return LatencySketch.FromDense(Widened(range), _low, count);
        var entries = new uint[nonEmpty];
        var at = 0;
        for (var i = 0; i < range.Length; i++)
            if (range[i] != 0) entries[at++] = (uint)(_low + i) << LatencySketch.SparseCountBits | range[i];
        return LatencySketch.FromSortedSparse(entries, count);
    }

    private static long[] Widened(ReadOnlySpan<uint> counts)
    {
        var wide = new long[counts.Length];
        for (var i = 0; i < counts.Length; i++) wide[i] = counts[i];
        return wide;
    }

    /// <summary>Empties the counts; a dense block goes back to <paramref name="pool"/>.</summary>
    public void Reset(DenseCountsPool pool)
    {
        if (IsDense)
        {
            UsedRange(pool).Clear();
            pool.Return(_denseStart, _denseLength);
            _denseLength = 0;
        }
        ((Span<uint>)_sparse)[.._sparseCount].Clear();
        _sparseCount = 0;
    }

    /// <summary>The dense counts from <c>_low</c> to <c>_high</c>.</summary>
    private readonly Span<uint> UsedRange(DenseCountsPool pool) => pool.Counts(_denseStart + _low - _offset, _high - _low + 1);

    private bool TryAddSparse(int bucketIndex)
    {
        Span<uint> sparse = _sparse;
        var key = (uint)(bucketIndex + 1) << LatencySketch.SparseCountBits;
        var at = FindSparse(key, sparse);
        if (at >= 0)
        {
            ref var entry = ref sparse[at];
            if ((entry & LatencySketch.SparseCountMask) == LatencySketch.SparseCountMask) return false;
            entry++;
            return true;
        }
        if (_sparseCount == MaxSparse) return false;
        sparse[_sparseCount++] = key | 1;
        return true;
    }

    private readonly int FindSparse(uint key, Span<uint> sparse)
    {
        // Free entries are 0 and never match, so whole vectors can be compared past the last used entry.
        ref var entries = ref MemoryMarshal.GetReference(sparse);
        if (Vector256.IsHardwareAccelerated)
        {
            var wanted = Vector256.Create(key);
            var mask = Vector256.Create(IndexMask);
            for (var i = 0; i < _sparseCount; i += Vector256<uint>.Count)
            {
                var found = Vector256.Equals(Vector256.LoadUnsafe(ref entries, (nuint)i) & mask, wanted).ExtractMostSignificantBits();
                if (found != 0) return i + BitOperations.TrailingZeroCount(found);
            }
            return -1;
        }
        for (var i = 0; i < _sparseCount; i++)
            if ((sparse[i] & IndexMask) == key) return i;
        return -1;
    }

    private void ToDense(DenseCountsPool pool)
    {
        _low = int.MaxValue;
        _high = -1;
        Span<uint> sparse = _sparse;
        foreach (var entry in sparse[.._sparseCount])
            AddDense((int)(entry >> LatencySketch.SparseCountBits) - 1, entry & LatencySketch.SparseCountMask, pool);
        sparse[.._sparseCount].Clear();
        _sparseCount = 0;
    }

    private void AddDense(int bucketIndex, uint count, DenseCountsPool pool)
    {
        var at = bucketIndex - _offset;
        if ((uint)at >= (uint)_denseLength)
        {
            Widen(bucketIndex, pool);
            at = bucketIndex - _offset;
        }
        ref var counted = ref pool.CountAt(_denseStart + at);
        counted = checked(counted + count);
        if (bucketIndex < _low) _low = bucketIndex;
        if (bucketIndex > _high) _high = bucketIndex;
    }

    /// <summary>Widens the dense range to cover <paramref name="bucketIndex"/>, with slack so a drifting range does not copy on every add.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Widen(int bucketIndex, DenseCountsPool pool)
    {
        if (!IsDense)
        {
            _denseLength = Math.Min(DenseCountsPool.BlockLength, LatencySketch.MaxBucketIndex + 1);
            _offset = Math.Clamp(bucketIndex - _denseLength / 2, 0, LatencySketch.MaxBucketIndex + 1 - _denseLength);
            _denseStart = pool.Rent(_denseLength);
            return;
        }
        var slack = Math.Max(16, _denseLength / 2);
        var low = Math.Max(0, Math.Min(_offset, bucketIndex - slack));
        var high = Math.Min(LatencySketch.MaxBucketIndex, Math.Max(_offset + _denseLength - 1, bucketIndex + slack));
        var length = high - low + 1;
        var start = pool.Rent(length);
        var old = pool.Counts(_denseStart, _denseLength);
        old.CopyTo(pool.Counts(start + _offset - low, _denseLength));
        old.Clear();
        pool.Return(_denseStart, _denseLength);
        _denseStart = start;
        _denseLength = length;
        _offset = low;
    }
}
