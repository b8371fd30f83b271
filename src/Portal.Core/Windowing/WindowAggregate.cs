using Portal.Core.Sketches;

namespace Portal.Core.Windowing;

/// <summary>
/// What one window knows about one key: volume, errors, latency sum/min/max and a latency sketch, all in microseconds.
/// Aggregates merge exactly (a window's final result plus its late deltas equals the aggregate of all its records).
/// The numeric properties map one-to-one onto columns; the sketch is stored with <see cref="LatencySketch.Serialize"/>.
/// </summary>
public sealed class WindowAggregate
{
    public long Count { get; private set; }
    public long Errors { get; private set; }
    public long LatencySumMicros { get; private set; }
    /// <summary>0 when the aggregate is empty.</summary>
    public long LatencyMinMicros { get; private set; }
    /// <summary>0 when the aggregate is empty.</summary>
    public long LatencyMaxMicros { get; private set; }
    public LatencySketch Sketch { get; private init; }

    public WindowAggregate() : this(new LatencySketch())
    {
    }

    /// <summary>Takes over <paramref name="sketch"/>, so building an aggregate from parts allocates no sketch it throws away.</summary>
    private WindowAggregate(LatencySketch sketch) => Sketch = sketch;

    public bool IsEmpty => Count == 0;

    /// <summary>The share of calls without error, in [0, 1]; NaN when there were no calls.</summary>
    public double SuccessRate => Count == 0 ? double.NaN : (double)(Count - Errors) / Count;

    /// <summary>NaN when there were no calls.</summary>
    public double MeanLatencyMicros => Count == 0 ? double.NaN : (double)LatencySumMicros / Count;

    /// <summary>Rebuilds an aggregate from its stored columns.</summary>
    public static WindowAggregate FromColumns(long count, long errors, long latencySumMicros, long latencyMinMicros, long latencyMaxMicros, ReadOnlySpan<byte> sketch)
    {
        var restored = LatencySketch.Deserialize(sketch);
        if (count < 0 || errors < 0 || errors > count || restored.Count != count)
            throw new FormatException("The stored count, errors and sketch of a window do not agree.");
        return new WindowAggregate(restored)
        {
            Count = count,
            Errors = errors,
            LatencySumMicros = latencySumMicros,
            LatencyMinMicros = latencyMinMicros,
            LatencyMaxMicros = latencyMaxMicros,
        };
    }

    /// <summary>An aggregate over parts already summed (an open window's <see cref="KeyAggregate"/>); it takes over <paramref name="sketch"/>.</summary>
    internal static WindowAggregate FromParts(long count, long errors, long latencySumMicros, long latencyMinMicros, long latencyMaxMicros, LatencySketch sketch) => new(sketch)
    {
        Count = count,
        Errors = errors,
        LatencySumMicros = latencySumMicros,
        LatencyMinMicros = latencyMinMicros,
        LatencyMaxMicros = latencyMaxMicros,
    };

    public void Add(long durationMicros, bool isError) => Add(durationMicros, LatencySketch.BucketIndex(durationMicros), isError);

    /// <summary>The fast path: <paramref name="bucketIndex"/> is <see cref="LatencySketch.BucketIndex"/> of the duration, computed once per record.</summary>
    public void Add(long durationMicros, int bucketIndex, bool isError)
    {
        if (durationMicros < 0) durationMicros = 0;
        if (Count == 0)
        {
            LatencyMinMicros = durationMicros;
            LatencyMaxMicros = durationMicros;
        }
        else
        {
            if (durationMicros < LatencyMinMicros) LatencyMinMicros = durationMicros;
            if (durationMicros > LatencyMaxMicros) LatencyMaxMicros = durationMicros;
        }
        Count++;
        if (isError) Errors++;
        LatencySumMicros += durationMicros;
        Sketch.AddBucket(bucketIndex);
    }

    public void Merge(WindowAggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0) return;
        if (Count == 0)
        {
            LatencyMinMicros = other.LatencyMinMicros;
            LatencyMaxMicros = other.LatencyMaxMicros;
        }
        else
        {
            LatencyMinMicros = Math.Min(LatencyMinMicros, other.LatencyMinMicros);
            LatencyMaxMicros = Math.Max(LatencyMaxMicros, other.LatencyMaxMicros);
        }
        Count += other.Count;
        Errors += other.Errors;
        LatencySumMicros += other.LatencySumMicros;
        Sketch.Merge(other.Sketch);
    }

    /// <summary>A latency quantile in microseconds, within the sketch's relative error and clamped to [min, max]; NaN when empty.</summary>
    public double Quantile(double q)
    {
        var value = Sketch.Quantile(q);
        return Count == 0 ? value : Math.Clamp(value, LatencyMinMicros, LatencyMaxMicros);
    }

    public WindowAggregate Clone() => new(Sketch.Clone())
    {
        Count = Count,
        Errors = Errors,
        LatencySumMicros = LatencySumMicros,
        LatencyMinMicros = LatencyMinMicros,
        LatencyMaxMicros = LatencyMaxMicros,
    };
}
