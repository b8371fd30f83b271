namespace Portal.Core.Windowing;

/// <summary>
/// Event-time progress. Each source (instance) has a watermark: the latest event time it sent, capped at its arrival time
/// plus <see cref="WindowEngineOptions.MaxFutureSkew"/>, minus <see cref="WindowEngineOptions.OutOfOrderness"/>.
/// The global watermark is the minimum over active sources (a clock running ahead cannot close others' windows),
/// raised to at least processing time minus <see cref="WindowEngineOptions.MaxWatermarkLag"/> (a clock lagging behind, or
/// silence everywhere, cannot stall every window), and never moves back.
/// </summary>
internal sealed class WatermarkTracker(WindowEngineOptions options)
{
    private sealed class Source
    {
        public long WatermarkTicks = long.MinValue;
        public long LastArrivalTicks = long.MinValue;
    }

    private readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);
    private readonly long _outOfOrdernessTicks = options.OutOfOrderness.Ticks;
    private readonly long _futureSkewTicks = options.MaxFutureSkew.Ticks;
    private readonly long _idleTicks = options.SourceIdleTimeout.Ticks;
    private readonly long _maxLagTicks = options.MaxWatermarkLag.Ticks;

    // Batches usually come from one instance: remember the last one to skip the hash.
    private string? _lastInstance;
    private Source? _lastSource;

    public long WatermarkTicks { get; private set; }

    /// <summary>Sources that sent something within the idle timeout at the last <see cref="Advance"/>.</summary>
    public int ActiveSources { get; private set; }

    public void Observe(string instance, long eventTicks, long arrivalTicks)
    {
        Source? source;
        if (ReferenceEquals(instance, _lastInstance)) source = _lastSource!;
        else
        {
            if (!_sources.TryGetValue(instance, out source))
            {
                source = new Source();
                _sources.Add(instance, source);
            }
            _lastInstance = instance;
            _lastSource = source;
        }
        var watermark = Math.Min(eventTicks, arrivalTicks + _futureSkewTicks) - _outOfOrdernessTicks;
        if (watermark > source.WatermarkTicks) source.WatermarkTicks = watermark;
        if (arrivalTicks > source.LastArrivalTicks) source.LastArrivalTicks = arrivalTicks;
    }

    /// <summary>Recomputes the global watermark at processing time <paramref name="nowTicks"/> and forgets idle sources.</summary>
    public long Advance(long nowTicks)
    {
        var minimum = long.MaxValue;
        var active = 0;
        foreach (var (instance, source) in _sources)
        {
            if (nowTicks - source.LastArrivalTicks > _idleTicks)
            {
                _sources.Remove(instance);
                continue;
            }
            active++;
            if (source.WatermarkTicks < minimum) minimum = source.WatermarkTicks;
        }
        _lastInstance = null;
        _lastSource = null;
        ActiveSources = active;
        var floor = nowTicks - _maxLagTicks;
        var candidate = active == 0 ? floor : Math.Max(minimum, floor);
        if (candidate > WatermarkTicks) WatermarkTicks = candidate;
        return WatermarkTicks;
    }

    /// <summary>Starts from a known watermark (after a restart); it only moves forward from there.</summary>
    public void Seed(long watermarkTicks) => WatermarkTicks = Math.Max(WatermarkTicks, watermarkTicks);
}
