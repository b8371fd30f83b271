namespace Portal.Core.Windowing;

/// <summary>
/// Event-time progress. Each source (instance) has a watermark: the latest event time it sent, capped at its arrival time
/// plus <see cref="WindowEngineOptions.MaxFutureSkew"/>, minus the source's delay. The delay is
/// <see cref="WindowEngineOptions.OutOfOrderness"/>, or with <see cref="WindowEngineOptions.AdaptiveOutOfOrderness"/> the
/// p99 of the source's recent arrival delays plus <see cref="AdaptiveMargin"/>, clamped to
/// [<see cref="WindowEngineOptions.MinOutOfOrderness"/>, <see cref="WindowEngineOptions.OutOfOrderness"/>] (the maximum
/// until the source has sent <see cref="ArrivalDelays.MinSamples"/> records), recomputed at every <see cref="Advance"/>.
/// Once a source's delay is learned it also bounds the source's future records (one arriving now has an event time of at
/// least now minus the delay, save the 1 % beyond the p99), so the watermark advances with processing time even between
/// a sparse source's records, instead of waiting for its next one.
/// A source's watermark never moves back, so a source whose delays grow holds its watermark until its newest events
/// catch up; its records meanwhile are corrections or late deltas of their true windows.
/// The global watermark is the minimum over active sources (a clock running ahead cannot close others' windows),
/// raised to at least processing time minus <see cref="WindowEngineOptions.MaxWatermarkLag"/> (a clock lagging behind, or
/// silence everywhere, cannot stall every window), and never moves back.
/// </summary>
internal sealed class WatermarkTracker(WindowEngineOptions options)
{
    /// <summary>Added to the measured p99: the histogram's bucket already rounds up, this covers batching jitter.</summary>
    public static readonly long AdaptiveMargin = TimeSpan.FromMilliseconds(100).Ticks;

    private const double AdaptiveQuantile = 0.99;

    private sealed class Source(ArrivalDelays delays, bool adaptive, long delayTicks)
    {
        /// <summary>The newest event time, each capped at its arrival plus the future skew.</summary>
        public long NewestEventTicks = long.MinValue;
        public long WatermarkTicks = long.MinValue;
        public long LastArrivalTicks = long.MinValue;
        /// <summary>Used only when <see cref="Adaptive"/>; a field, so adding a delay changes it in place.</summary>
        public ArrivalDelays Delays = delays;
        public readonly bool Adaptive = adaptive;
        public long DelayTicks = delayTicks;
        public bool DelayLearned;
    }

    private readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);
    private readonly long _outOfOrdernessTicks = options.OutOfOrderness.Ticks;
    private readonly long _minOutOfOrdernessTicks = options.MinOutOfOrderness.Ticks;
    private readonly bool _adaptive = options.AdaptiveOutOfOrderness && options.MinOutOfOrderness < options.OutOfOrderness;
    private readonly long _futureSkewTicks = options.MaxFutureSkew.Ticks;
    private readonly long _idleTicks = options.SourceIdleTimeout.Ticks;
    private readonly long _maxLagTicks = options.MaxWatermarkLag.Ticks;

    /// <summary>Emptied whenever a source is forgotten, so a returning instance gets a new source.</summary>
    private readonly NameCache<Source> _recentSources = new(2048);

    public long WatermarkTicks { get; private set; }

    /// <summary>Sources that sent something within the idle timeout at the last <see cref="Advance"/>.</summary>
    public int ActiveSources { get; private set; }

    public void Observe(string instance, long eventTicks, long arrivalTicks)
    {
        if (!_recentSources.TryGet(instance, out var source))
        {
            if (!_sources.TryGetValue(instance, out source))
            {
                source = new Source(_adaptive ? new ArrivalDelays(_outOfOrdernessTicks, arrivalTicks) : default, _adaptive, _outOfOrdernessTicks);
                _sources.Add(instance, source);
            }
            _recentSources.Set(instance, source);
        }
        var newest = Math.Min(eventTicks, arrivalTicks + _futureSkewTicks);
        if (newest > source.NewestEventTicks) source.NewestEventTicks = newest;
        if (arrivalTicks > source.LastArrivalTicks) source.LastArrivalTicks = arrivalTicks;
        if (source.Adaptive) source.Delays.Add(arrivalTicks - eventTicks);
    }

    /// <summary>Starts loading the fields <see cref="Observe"/> will touch of a recently seen <paramref name="instance"/> (see <see cref="CacheHint"/>).</summary>
    public void Prefetch(string instance)
    {
        if (_recentSources.TryGet(instance, out var source)) CacheHint.PrefetchObject(source);
    }

    /// <summary>Starts loading the delay count <see cref="Observe"/> will increment; it reads the source's fields, so call it after <see cref="Prefetch"/>.</summary>
    public void PrefetchDelay(string instance, long eventTicks, long arrivalTicks)
    {
        if (_recentSources.TryGet(instance, out var source) && source.Adaptive) source.Delays.Prefetch(arrivalTicks - eventTicks);
    }

    /// <summary>Recomputes the global watermark at processing time <paramref name="nowTicks"/> and forgets idle sources.</summary>
    public long Advance(long nowTicks)
    {
        var minimum = long.MaxValue;
        var active = 0;
        var forgotten = false;
        foreach (var (instance, source) in _sources)
        {
            if (nowTicks - source.LastArrivalTicks > _idleTicks)
            {
                _sources.Remove(instance);
                forgotten = true;
                continue;
            }
            active++;
            if (source.Adaptive) (source.DelayTicks, source.DelayLearned) = AdaptedDelay(ref source.Delays, nowTicks);
            var watermark = source.NewestEventTicks - source.DelayTicks;
            if (source.DelayLearned) watermark = Math.Max(watermark, nowTicks - source.DelayTicks);
            if (watermark > source.WatermarkTicks) source.WatermarkTicks = watermark;
            if (source.WatermarkTicks < minimum) minimum = source.WatermarkTicks;
        }
        if (forgotten) _recentSources.Clear();
        ActiveSources = active;
        var floor = nowTicks - _maxLagTicks;
        var candidate = active == 0 ? floor : Math.Max(minimum, floor);
        if (candidate > WatermarkTicks) WatermarkTicks = candidate;
        return WatermarkTicks;
    }

    /// <summary>The largest delay any active source's watermark trails its newest event by, at the last <see cref="Advance"/>.</summary>
    public TimeSpan MaxSourceDelay
    {
        get
        {
            long max = 0;
            foreach (var source in _sources.Values) max = Math.Max(max, source.DelayTicks);
            return TimeSpan.FromTicks(max);
        }
    }

    /// <summary>The source's delay, and whether it is learned from enough records (else the fixed maximum).</summary>
    private (long Ticks, bool Learned) AdaptedDelay(ref ArrivalDelays delays, long nowTicks)
    {
        delays.Turn(nowTicks);
        if (!delays.TryQuantileTicks(AdaptiveQuantile, out var p99)) return (_outOfOrdernessTicks, false);
        var delay = Math.Clamp(p99 + AdaptiveMargin, _minOutOfOrdernessTicks, _outOfOrdernessTicks);
        // A delay at the cap says nothing certain about future records: the source's clock may lag by more than the cap.
        return (delay, delay < _outOfOrdernessTicks);
    }

    /// <summary>Starts from a known watermark (after a restart); it only moves forward from there.</summary>
    public void Seed(long watermarkTicks) => WatermarkTicks = Math.Max(WatermarkTicks, watermarkTicks);
}
