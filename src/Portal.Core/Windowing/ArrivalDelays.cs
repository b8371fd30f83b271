using System.Numerics;
using System.Runtime.CompilerServices;

namespace Portal.Core.Windowing;

/// <summary>
/// The recent arrival delays (arrival − event time) of one source, in a fixed histogram over [0, the maximum delay]:
/// two halves of <see cref="HalfPeriodTicks"/> of processing time each, so its quantiles describe the last 30–60 s and
/// adding a delay is one shift and one increment. Negative delays (a clock running ahead) count as 0; delays past the
/// maximum count in the last bucket. A struct with its counts inline: it lives inside its source, and a record touches
/// the source's lines only, not two more objects.
/// </summary>
internal struct ArrivalDelays
{
    public static readonly long HalfPeriodTicks = TimeSpan.FromSeconds(30).Ticks;

    /// <summary>Below this many delays in both halves together, the quantile is not trusted.</summary>
    public const int MinSamples = 100;

    private const int MaxBuckets = 64;

    /// <summary>Both halves: the current one starts at <see cref="_currentAt"/>, the previous one at the other half.</summary>
    [InlineArray(2 * MaxBuckets)]
    private struct Halves
    {
        private int _count;
    }

    // The fields an add reads come before the counts, in the line the source's own fields share.
    private readonly int _shift;
    private readonly int _lastBucket;
    /// <summary>0 or <see cref="MaxBuckets"/>.</summary>
    private int _currentAt;
    private long _currentSamples, _previousSamples;
    private long _currentSince;
    private Halves _counts;

    public ArrivalDelays(long maxDelayTicks, long nowTicks)
    {
        // Buckets a power of two of ticks wide: the bucket of a delay is a shift, not a division.
        var width = BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, (maxDelayTicks + MaxBuckets - 1) / MaxBuckets));
        _shift = BitOperations.Log2(width);
        _lastBucket = (int)Math.Max(0, (maxDelayTicks - 1) >> _shift);
        _currentSince = nowTicks;
    }

    public void Add(long delayTicks)
    {
        _counts[_currentAt + Bucket(delayTicks)]++;
        _currentSamples++;
    }

    /// <summary>Starts loading the count that <see cref="Add"/> of <paramref name="delayTicks"/> will increment (see <see cref="CacheHint"/>).</summary>
    public void Prefetch(long delayTicks) => CacheHint.Prefetch(ref _counts[_currentAt + Bucket(delayTicks)]);

    private readonly int Bucket(long delayTicks) => delayTicks <= 0 ? 0 : (int)Math.Min(_lastBucket, delayTicks >> _shift);

    /// <summary>Drops the older half once the current one is <see cref="HalfPeriodTicks"/> old.</summary>
    public void Turn(long nowTicks)
    {
        if (nowTicks - _currentSince < HalfPeriodTicks) return;
        _currentAt = MaxBuckets - _currentAt;
        ((Span<int>)_counts).Slice(_currentAt, MaxBuckets).Clear();
        _previousSamples = _currentSamples;
        _currentSamples = 0;
        _currentSince = nowTicks;
    }

    /// <summary>
    /// The upper end of the bucket holding quantile <paramref name="q"/> of the recent delays: at least that share of them
    /// was no longer. False when there are fewer than <see cref="MinSamples"/> delays.
    /// </summary>
    public readonly bool TryQuantileTicks(double q, out long delayTicks)
    {
        var samples = _currentSamples + _previousSamples;
        delayTicks = 0;
        if (samples < MinSamples) return false;
        // The first bucket whose records and all below reach the quantile: counted down from the top, as the quantiles
        // asked for are high and the tail above them short (every source is asked on every tick).
        var allowedAbove = samples - Math.Min(samples, (long)Math.Ceiling(q * samples));
        long above = 0;
        var bucket = _lastBucket;
        for (; bucket > 0; bucket--)
        {
            above += _counts[_currentAt + bucket] + _counts[MaxBuckets - _currentAt + bucket];
            if (above > allowedAbove) break;
        }
        delayTicks = (long)(bucket + 1) << _shift;
        return true;
    }
}
