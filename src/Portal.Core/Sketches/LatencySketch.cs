namespace Portal.Core.Sketches;

/// <summary>
/// A mergeable latency sketch with logarithmic buckets, in the manner of DDSketch.
/// Values are durations in microseconds. Any quantile it returns is within a relative error of
/// <see cref="RelativeAccuracy"/> (α = 1%) of the exact quantile value at rank ⌊q·(n−1)⌋.
/// </summary>
/// <remarks>
/// Bucket 0 holds the value 0 (and negative inputs, which are clock anomalies). Bucket b ≥ 1 holds the values v with
/// γ^(b−2) &lt; v ≤ γ^(b−1), where γ = (1+α)/(1−α); its representative 2γ^(b−1)/(γ+1) is within α of every value in it.
/// Merging adds bucket counts, so it is exactly associative and commutative.
/// A sketch starts sparse: a short sorted array of (bucket, count) pairs, since a key's one-second window mostly holds a few
/// dozen values. Past <see cref="MaxSparseBuckets"/> buckets it turns dense: counts in an array over the range of buckets
/// in use (a factor of 50 between fastest and slowest is about 200 buckets).
/// </remarks>
public sealed class LatencySketch
{
    /// <summary>α: the relative error bound of every quantile.</summary>
    public const double RelativeAccuracy = 0.01;

    /// <summary>The first byte of <see cref="Serialize"/>; it fixes α and the bucket mapping.</summary>
    private const byte FormatVersion = 1;

    private static readonly double Gamma = BucketIndexTable.Gamma;

    /// <summary>The bucket of <see cref="long.MaxValue"/>: no value maps higher.</summary>
    public static readonly int MaxBucketIndex = BucketIndexTable.MaxBucketIndex;

    private static readonly double[] Representatives = BuildRepresentatives();

    internal const int MaxSparseBuckets = 64;
    /// <summary>Sparse entries pack (bucket index &lt;&lt; 20 | count); the engine's <see cref="Windowing.BucketCounts"/> packs the same way, with the index plus one.</summary>
    internal const int SparseCountBits = 20;
    internal const uint SparseCountMask = (1u << SparseCountBits) - 1;

    /// <summary>While sparse: entries (bucket index &lt;&lt; 20 | count) sorted by index, so by value. Null once dense.</summary>
    private uint[]? _sparse = [];
    private int _sparseCount;

    private long[] _counts = [];
    /// <summary>The bucket index of <c>_counts[0]</c>.</summary>
    private int _offset;

    /// <summary>The number of values added.</summary>
    public long Count { get; private set; }

    public bool IsEmpty => Count == 0;

    /// <summary>
    /// The bucket a duration falls in: 1 + ⌈ln v / ln γ⌉, read from <see cref="BucketIndexTable"/> (the same bucket for every
    /// value, without a logarithm). Compute it once per record and pass it to <see cref="AddBucket(int)"/> for each scope.
    /// </summary>
    public static int BucketIndex(long valueMicros) => BucketIndexTable.Of(valueMicros);

    /// <summary>The value a quantile in this bucket reports.</summary>
    public static double BucketValue(int bucketIndex) => Representatives[bucketIndex];

    public void Add(long valueMicros) => AddBucket(BucketIndex(valueMicros), 1);

    /// <summary>The fast path: adds one value whose bucket the caller already computed with <see cref="BucketIndex"/>.</summary>
    public void AddBucket(int bucketIndex) => AddBucket(bucketIndex, 1);

    public void AddBucket(int bucketIndex, long count)
    {
        if ((uint)bucketIndex > (uint)MaxBucketIndex) throw new ArgumentOutOfRangeException(nameof(bucketIndex));
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return;
        if (_sparse is not null)
        {
            if (TryAddSparse(bucketIndex, count))
            {
                Count += count;
                return;
            }
            ToDense();
        }
        var slot = bucketIndex - _offset;
        if ((uint)slot >= (uint)_counts.Length)
        {
            Grow(bucketIndex, bucketIndex);
            slot = bucketIndex - _offset;
        }
        _counts[slot] += count;
        Count += count;
    }

    public void Merge(LatencySketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0) return;
        if (other._sparse is not null || _sparse is not null)
        {
            foreach (var (index, count) in other.NonEmptyBuckets()) AddBucket(index, count);
            return;
        }
        var (low, high) = other.DenseRange();
        if (low - _offset < 0 || high - _offset >= _counts.Length) Grow(low, high);
        var shift = other._offset - _offset;
        for (var i = low - other._offset; i <= high - other._offset; i++) _counts[i + shift] += other._counts[i];
        Count += other.Count;
    }

    /// <summary>The value at rank ⌊q·(n−1)⌋, within <see cref="RelativeAccuracy"/>; NaN when the sketch is empty.</summary>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile lies in [0, 1].");
        if (Count == 0) return double.NaN;
        var rank = (long)Math.Floor(q * (Count - 1));
        long seen = 0;
        foreach (var (index, count) in NonEmptyBuckets())
        {
            seen += count;
            if (seen > rank) return Representatives[index];
        }
        throw new InvalidOperationException("The bucket counts do not add up to Count.");
    }

    /// <summary>A sketch that takes over sparse entries sorted by bucket index, holding <paramref name="count"/> values in all.</summary>
    internal static LatencySketch FromSortedSparse(uint[] entries, long count) =>
        new() { _sparse = entries, _sparseCount = entries.Length, Count = count };

    /// <summary>A sketch that takes over dense counts starting at bucket <paramref name="offset"/>, non-zero at both ends.</summary>
    internal static LatencySketch FromDense(long[] counts, int offset, long count) =>
        new() { _sparse = null, _counts = counts, _offset = offset, Count = count };

    public LatencySketch Clone()
    {
        var clone = new LatencySketch { Count = Count };
        if (_sparse is not null)
        {
            clone._sparse = _sparse.AsSpan(0, _sparseCount).ToArray();
            clone._sparseCount = _sparseCount;
        }
        else
        {
            var (low, high) = DenseRange();
            clone._sparse = null;
            clone._offset = low;
            clone._counts = _counts.AsSpan(low - _offset, high - low + 1).ToArray();
        }
        return clone;
    }

    /// <summary>True when both sketches hold exactly the same count in every bucket.</summary>
    public bool BucketsEqual(LatencySketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Count == other.Count && NonEmptyBuckets().SequenceEqual(other.NonEmptyBuckets());
    }

    /// <summary>The non-empty buckets in ascending order of index.</summary>
    public IEnumerable<(int Index, long Count)> NonEmptyBuckets()
    {
        if (_sparse is not null)
        {
            for (var i = 0; i < _sparseCount; i++) yield return ((int)(_sparse[i] >> SparseCountBits), _sparse[i] & SparseCountMask);
            yield break;
        }
        for (var i = 0; i < _counts.Length; i++)
            if (_counts[i] != 0) yield return (i + _offset, _counts[i]);
    }

    /// <summary>
    /// A compact, canonical encoding (equal sketches give equal bytes): a version byte, a varint with the number of
    /// non-empty buckets, then per bucket in ascending order a varint gap from the previous index (the first: its index + 1)
    /// and a varint count.
    /// </summary>
    public byte[] Serialize()
    {
        var nonEmpty = 0;
        foreach (var _ in NonEmptyBuckets()) nonEmpty++;
        var buffer = new byte[1 + Varint.MaxLength * (1 + 2 * nonEmpty)];
        buffer[0] = FormatVersion;
        var length = 1 + Varint.Write(buffer.AsSpan(1), (ulong)nonEmpty);
        var previous = -1;
        foreach (var (index, count) in NonEmptyBuckets())
        {
            length += Varint.Write(buffer.AsSpan(length), (ulong)(index - previous));
            length += Varint.Write(buffer.AsSpan(length), (ulong)count);
            previous = index;
        }
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <exception cref="FormatException">The bytes are not a sketch written by <see cref="Serialize"/>.</exception>
    public static LatencySketch Deserialize(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0 || data[0] != FormatVersion) throw new FormatException("Not a latency sketch of format version 1.");
        var position = 1;
        var nonEmpty = Varint.Read(data, ref position);
        if (nonEmpty > (ulong)MaxBucketIndex + 1) throw new FormatException("A latency sketch has more buckets than exist.");
        var sketch = new LatencySketch();
        long previous = -1;
        for (ulong n = 0; n < nonEmpty; n++)
        {
            var gap = Varint.Read(data, ref position);
            var count = Varint.Read(data, ref position);
            if (gap == 0 || gap > (ulong)MaxBucketIndex + 1) throw new FormatException("A bucket index is out of order or out of range.");
            var index = previous + (long)gap;
            if (index > MaxBucketIndex) throw new FormatException("A bucket index is out of range.");
            if (count == 0 || count > long.MaxValue - (ulong)sketch.Count) throw new FormatException("A bucket count is zero or overflows.");
            sketch.AddBucket((int)index, (long)count);
            previous = index;
        }
        if (position != data.Length) throw new FormatException("Trailing bytes after a latency sketch.");
        return sketch;
    }

    private (int Low, int High) DenseRange()
    {
        var low = 0;
        while (_counts[low] == 0) low++;
        var high = _counts.Length - 1;
        while (_counts[high] == 0) high--;
        return (low + _offset, high + _offset);
    }

    /// <summary>Adds to the sparse entries; false when the count or the number of buckets outgrows them.</summary>
    private bool TryAddSparse(int bucketIndex, long count)
    {
        var entries = _sparse!;
        var key = (uint)bucketIndex << SparseCountBits;
        int low = 0, high = _sparseCount - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var entryKey = entries[middle] & ~SparseCountMask;
            if (entryKey == key)
            {
                var total = (entries[middle] & SparseCountMask) + count;
                if (total > SparseCountMask) return false;
                entries[middle] = key | (uint)total;
                return true;
            }
            if (entryKey < key) low = middle + 1;
            else high = middle - 1;
        }
        if (count > SparseCountMask || _sparseCount == MaxSparseBuckets) return false;
        if (_sparseCount == entries.Length) _sparse = entries = GrowSparse(entries);
        Array.Copy(entries, low, entries, low + 1, _sparseCount - low);
        entries[low] = key | (uint)count;
        _sparseCount++;
        return true;
    }

    private static uint[] GrowSparse(uint[] entries)
    {
        var grown = new uint[Math.Max(4, entries.Length * 2)];
        entries.CopyTo(grown, 0);
        return grown;
    }

    private void ToDense()
    {
        var entries = _sparse!;
        var count = _sparseCount;
        _sparse = null;
        _sparseCount = 0;
        if (count == 0) return;
        Grow((int)(entries[0] >> SparseCountBits), (int)(entries[count - 1] >> SparseCountBits));
        for (var i = 0; i < count; i++) _counts[(int)(entries[i] >> SparseCountBits) - _offset] += entries[i] & SparseCountMask;
    }

    /// <summary>Widens the dense range to cover [low, high], with slack on the growing side so a drifting range does not copy on every add.</summary>
    private void Grow(int low, int high)
    {
        if (_counts.Length == 0)
        {
            _offset = Math.Max(0, low - 8);
            _counts = new long[Math.Min(MaxBucketIndex, high + 8) - _offset + 1];
            return;
        }
        var currentHigh = _offset + _counts.Length - 1;
        var slack = Math.Max(8, _counts.Length / 2);
        var newLow = low < _offset ? Math.Max(0, low - slack) : _offset;
        var newHigh = high > currentHigh ? Math.Min(MaxBucketIndex, high + slack) : currentHigh;
        var grown = new long[newHigh - newLow + 1];
        _counts.CopyTo(grown, _offset - newLow);
        _counts = grown;
        _offset = newLow;
    }

    private static double[] BuildRepresentatives()
    {
        var values = new double[MaxBucketIndex + 1];
        for (var b = 1; b < values.Length; b++) values[b] = 2 * Math.Pow(Gamma, b - 1) / (Gamma + 1);
        return values;
    }
}
