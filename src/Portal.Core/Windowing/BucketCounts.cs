using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Portal.Core.Sketches;

namespace Portal.Core.Windowing;

/// <summary>
/// The latency buckets of one key in one open window, built up record by record and turned into a
/// <see cref="LatencySketch"/> only when the window emits. Its sparse entries live in the window, next to the other
/// keys' (<see cref="Sparse"/>), so a record's key can be prefetched by its slot number alone; its dense array comes from
/// the engine's <see cref="DenseCountsPool"/> and goes back to it when it is <see cref="Reset"/>, so a window that turns
/// over allocates nothing.
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

    /// <summary>One key's sparse entries: 128 bytes, two cache lines, inside the window's array.</summary>
    [InlineArray(MaxSparse)]
    public struct Sparse
    {
        private uint _entry;
    }

    private int _sparseCount;
    /// <summary>Null while sparse.</summary>
    private uint[]? _dense;
    /// <summary>
    /// <c>_dense</c>'s length, 0 while sparse. Kept here so neither an add nor a prefetch reads the array's header: a line of
    /// its own, apart from the count, that cost a cache miss per record of a dense key.
    /// </summary>
    private int _denseLength;
    /// <summary>The bucket index of <c>_dense[0]</c>.</summary>
    private int _offset;
    /// <summary>The non-empty range of bucket indices while dense.</summary>
    private int _low, _high;

    public void Add(int bucketIndex, ref Sparse sparse, DenseCountsPool pool)
    {
        if (_dense is null)
        {
            if (TryAddSparse(bucketIndex, sparse)) return;
            ToDense(sparse, pool);
        }
        AddDense(bucketIndex, 1, pool);
    }

    /// <summary>
    /// Starts loading what an add to <paramref name="bucketIndex"/> reads: the count once dense (an array of its own, apart
    /// from the slot), else the sparse entries in use and the next free one, a vector at a time.
    /// </summary>
    public readonly void Prefetch(int bucketIndex, ref Sparse sparse)
    {
        var dense = _dense;
        if (dense is not null)
        {
            var at = bucketIndex - _offset;
            if ((uint)at < (uint)_denseLength) CacheHint.Prefetch(ref CountAt(dense, at));
            return;
        }
        var entries = (Span<uint>)sparse;
        var used = Math.Min(_sparseCount + 1, MaxSparse);
        for (var i = 0; i < used; i += Vector256<uint>.Count) CacheHint.Prefetch(ref entries[i]);
    }

    /// <summary>A sketch of these buckets, holding <paramref name="count"/> values; it shares nothing with this.</summary>
    public readonly LatencySketch ToSketch(long count, ref Sparse sparse)
    {
        if (count == 0) return new LatencySketch();
        if (_dense is not null) return DenseToSketch(count);
        var entries = new uint[_sparseCount];
        for (var i = 0; i < entries.Length; i++) entries[i] = sparse[i] - IndexOne;
        // The index is in the high bits: sorting the packed entries sorts them by index.
        Array.Sort(entries);
        return LatencySketch.FromSortedSparse(entries, count);
    }

    /// <summary>A sketch of the dense counts, sparse when they fit a sparse sketch (a tenth of the bytes, as results are kept a while).</summary>
    private readonly LatencySketch DenseToSketch(long count)
    {
        var range = _dense.AsSpan(_low - _offset, _high - _low + 1);
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

    /// <summary>Empties the counts; a dense array goes back to <paramref name="pool"/>.</summary>
    public void Reset(ref Sparse sparse, DenseCountsPool pool)
    {
        if (_dense is not null)
        {
            Array.Clear(_dense, _low - _offset, _high - _low + 1);
            pool.Return(_dense);
            _dense = null;
            _denseLength = 0;
        }
        ((Span<uint>)sparse)[.._sparseCount].Clear();
        _sparseCount = 0;
    }

    private bool TryAddSparse(int bucketIndex, Span<uint> sparse)
    {
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

    private void ToDense(Span<uint> sparse, DenseCountsPool pool)
    {
        _low = int.MaxValue;
        _high = -1;
        foreach (var entry in sparse[.._sparseCount])
            AddDense((int)(entry >> LatencySketch.SparseCountBits) - 1, entry & LatencySketch.SparseCountMask, pool);
        sparse[.._sparseCount].Clear();
        _sparseCount = 0;
    }

    private void AddDense(int bucketIndex, uint count, DenseCountsPool pool)
    {
        var dense = _dense;
        var slot = bucketIndex - _offset;
        // The fast path uses only the array this check has seen. When a widened array joined it, the JIT checked for null
        // again by reading the array's header: a line apart from the count, missed on nearly every add of a dense key.
        if (dense is null || (uint)slot >= (uint)_denseLength)
        {
            AddWidened(bucketIndex, count, pool);
            return;
        }
        Count(ref CountAt(dense, slot), bucketIndex, count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddWidened(int bucketIndex, uint count, DenseCountsPool pool) =>
        Count(ref Widen(bucketIndex, pool)[bucketIndex - _offset], bucketIndex, count);

    private void Count(ref uint counted, int bucketIndex, uint count)
    {
        counted = checked(counted + count);
        if (bucketIndex < _low) _low = bucketIndex;
        if (bucketIndex > _high) _high = bucketIndex;
    }

    /// <summary>Widens the dense range to cover <paramref name="bucketIndex"/>, with slack so a drifting range does not copy on every add.</summary>
    private uint[] Widen(int bucketIndex, DenseCountsPool pool)
    {
        if (_dense is null)
        {
            var rented = _dense = pool.Rent();
            _denseLength = rented.Length;
            _offset = Math.Clamp(bucketIndex - rented.Length / 2, 0, Math.Max(0, LatencySketch.MaxBucketIndex + 1 - rented.Length));
            return rented;
        }
        var slack = Math.Max(16, _dense.Length / 2);
        var low = Math.Max(0, Math.Min(_offset, bucketIndex - slack));
        var high = Math.Min(LatencySketch.MaxBucketIndex, Math.Max(_offset + _dense.Length - 1, bucketIndex + slack));
        var grown = new uint[high - low + 1];
        _dense.CopyTo(grown, _offset - low);
        Array.Clear(_dense);
        pool.Return(_dense);
        _dense = grown;
        _denseLength = grown.Length;
        _offset = low;
        return grown;
    }

    /// <summary>
    /// The count at <paramref name="at"/>, found without reading the array's header (no bounds check; the callers check
    /// <c>_denseLength</c>, and null beforehand so that no null check reads it either).
    /// </summary>
    private static ref uint CountAt(uint[] dense, int at) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(dense), at);
}
