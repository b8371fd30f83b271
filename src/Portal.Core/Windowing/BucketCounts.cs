using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Portal.Core.Sketches;

namespace Portal.Core.Windowing;

/// <summary>
/// The latency buckets of one key in one open window, built up record by record and turned into a
/// <see cref="LatencySketch"/> only when the window emits. Unlike a sketch it keeps its arrays when it is
/// <see cref="Reset"/> for the next window, so a window that turns over allocates nothing.
/// </summary>
/// <remarks>
/// Sparse first: entries packed as in <see cref="LatencySketch"/> (bucket index &lt;&lt; 20 | count) in order of arrival,
/// searched eight at a time with vector compares (no sorting, no shifting on insert; a sketch sorts them once, when
/// emitted). Unused entries hold <see cref="Unused"/>, whose bucket index (4095) no value reaches, so a search never
/// needs a scalar tail. Past <see cref="MaxSparse"/> buckets, or a count the packing cannot hold, it turns dense: counts
/// by bucket index over the range in use.
/// </remarks>
internal struct BucketCounts
{
    private const int MaxSparse = 64;
    private const uint Unused = uint.MaxValue;
    private const uint IndexMask = ~LatencySketch.SparseCountMask;

    private uint[]? _sparse;
    private int _sparseCount;

    private long[]? _dense;
    /// <summary>The bucket index of <c>_dense[0]</c>.</summary>
    private int _offset;
    private bool _isDense;
    /// <summary>The non-empty range of bucket indices while dense.</summary>
    private int _low, _high;

    public void Add(int bucketIndex)
    {
        if (!_isDense)
        {
            if (TryAddSparse(bucketIndex)) return;
            ToDense();
        }
        AddDense(bucketIndex, 1);
    }

    /// <summary>A sketch of these buckets, holding <paramref name="count"/> values; it shares nothing with this.</summary>
    public readonly LatencySketch ToSketch(long count)
    {
        if (count == 0) return new LatencySketch();
        if (_isDense)
            return LatencySketch.FromDense(_dense.AsSpan(_low - _offset, _high - _low + 1).ToArray(), _low, count);
        var entries = _sparse.AsSpan(0, _sparseCount).ToArray();
        // The index is in the high bits: sorting the packed entries sorts them by index.
        Array.Sort(entries);
        return LatencySketch.FromSortedSparse(entries, count);
    }

    /// <summary>Empties the counts and keeps the arrays.</summary>
    public void Reset()
    {
        if (_isDense)
        {
            Array.Clear(_dense!, _low - _offset, _high - _low + 1);
            _isDense = false;
        }
        else if (_sparseCount > 0)
        {
            _sparse.AsSpan(0, _sparseCount).Fill(Unused);
        }
        _sparseCount = 0;
    }

    private bool TryAddSparse(int bucketIndex)
    {
        var key = (uint)bucketIndex << LatencySketch.SparseCountBits;
        var at = FindSparse(key);
        if (at >= 0)
        {
            ref var entry = ref _sparse![at];
            if ((entry & LatencySketch.SparseCountMask) == LatencySketch.SparseCountMask) return false;
            entry++;
            return true;
        }
        if (_sparseCount == MaxSparse) return false;
        if (_sparse is null || _sparseCount == _sparse.Length) GrowSparse();
        _sparse![_sparseCount++] = key | 1;
        return true;
    }

    private readonly int FindSparse(uint key)
    {
        if (_sparseCount == 0) return -1;
        ref var entries = ref MemoryMarshal.GetArrayDataReference(_sparse!);
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
            if ((_sparse![i] & IndexMask) == key) return i;
        return -1;
    }

    private void GrowSparse()
    {
        // A multiple of the vector width, filled with Unused, so every vector load stays in the array.
        var grown = new uint[_sparse is null ? 8 : _sparse.Length * 2];
        grown.AsSpan().Fill(Unused);
        _sparse?.CopyTo(grown, 0);
        _sparse = grown;
    }

    private void ToDense()
    {
        _isDense = true;
        _low = int.MaxValue;
        _high = -1;
        for (var i = 0; i < _sparseCount; i++)
        {
            var entry = _sparse![i];
            AddDense((int)(entry >> LatencySketch.SparseCountBits), entry & LatencySketch.SparseCountMask);
            _sparse[i] = Unused;
        }
        _sparseCount = 0;
    }

    private void AddDense(int bucketIndex, long count)
    {
        var slot = bucketIndex - _offset;
        if (_dense is null || (uint)slot >= (uint)_dense.Length)
        {
            Widen(bucketIndex);
            slot = bucketIndex - _offset;
        }
        _dense![slot] += count;
        if (bucketIndex < _low) _low = bucketIndex;
        if (bucketIndex > _high) _high = bucketIndex;
    }

    /// <summary>Widens the dense range to cover <paramref name="bucketIndex"/>, with slack so a drifting range does not copy on every add.</summary>
    private void Widen(int bucketIndex)
    {
        if (_dense is null)
        {
            _offset = Math.Max(0, bucketIndex - 64);
            _dense = new long[Math.Min(LatencySketch.MaxBucketIndex, bucketIndex + 64) - _offset + 1];
            return;
        }
        var slack = Math.Max(16, _dense.Length / 2);
        var low = Math.Max(0, Math.Min(_offset, bucketIndex - slack));
        var high = Math.Min(LatencySketch.MaxBucketIndex, Math.Max(_offset + _dense.Length - 1, bucketIndex + slack));
        var grown = new long[high - low + 1];
        _dense.CopyTo(grown, _offset - low);
        _dense = grown;
        _offset = low;
    }
}
