using Portal.TrafficGen.Delivery;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen;

/// <summary>
/// The stateful face of the simulation: numbers transactions, decides when each record reaches the portal (delays,
/// quiet instances), produces the periodic system events, and takes faults injected at run time.
/// Thread-safe for <see cref="InjectFault"/>; <see cref="Next"/> and <see cref="Tick"/> are called by one producer.
/// </summary>
public sealed class TrafficGenerator
{
    private readonly TrafficOptions _options;
    private readonly TimeProvider _time;
    private readonly DelaySampler _delays;
    private long _serial;
    private DateTime _lastTick;

    public TrafficGenerator(TrafficOptions options, TimeProvider? time = null)
    {
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        StartedAt = _time.GetUtcNow().UtcDateTime;
        _lastTick = StartedAt;
        Simulation = new BankSimulation(options.Seed, options.MaxClockSkew);
        Disruptions = new DisruptionSchedule(options.Seed, StartedAt, options.Disruptions);
        _delays = new DelaySampler(options.NormalMaxDelay, options.LateShare, options.LateMaxDelay);
    }

    public DateTime StartedAt { get; }
    public BankSimulation Simulation { get; }
    public DisruptionSchedule Disruptions { get; }
    public FaultBoard Faults { get; } = new();
    public long Generated => Interlocked.Read(ref _serial);

    /// <summary>
    /// From now on and for <paramref name="duration"/>, <paramref name="service"/> is <see cref="FaultKind.Slow"/>
    /// (calls take <paramref name="magnitude"/> times longer, default 5) or <see cref="FaultKind.Fail"/>s
    /// (that share of its calls fail with its system error, default 0.5; callers fail with it).
    /// </summary>
    public InjectedFault InjectFault(string service, FaultKind kind, TimeSpan duration, double? magnitude = null) =>
        Faults.Add(service, kind, magnitude, _time.GetUtcNow().UtcDateTime, duration);

    /// <summary>The next transaction, started at <paramref name="startUtc"/>, under the faults active now.</summary>
    public Transaction Next(DateTime startUtc) =>
        Simulation.Generate(Interlocked.Increment(ref _serial), startUtc, Faults.Faults, Disruptions.IsDown);

    /// <summary>Every record of the transaction with the moment it reaches the portal.</summary>
    public List<Outgoing> Schedule(Transaction transaction)
    {
        var random = new Random(Seeds.Mix(_options.Seed, ~transaction.Serial));
        var items = new List<Outgoing>(transaction.Spans.Count + transaction.Logs.Count + transaction.Events.Count);
        foreach (var span in transaction.Spans) items.Add(new(Due(span.Instance, span.TrueEnd, random), span, null, null));
        foreach (var log in transaction.Logs) items.Add(new(Due(log.Instance, log.TrueTime, random), null, log, null));
        foreach (var e in transaction.Events) items.Add(new(e.Time + _delays.Next(random), null, null, e));
        return items;
    }

    /// <summary>System events and logs of the disruptions that happened since the previous tick, due at once.</summary>
    public List<Outgoing> Tick(DateTime nowUtc)
    {
        var (events, logs) = Disruptions.Between(_lastTick, nowUtc);
        _lastTick = nowUtc;
        return [.. events.Select(e => new Outgoing(nowUtc, null, null, e)), .. logs.Select(l => new Outgoing(nowUtc, null, l, null))];
    }

    public double RateFactor(DateTime nowUtc) => Disruptions.RateFactor(nowUtc);

    private DateTime Due(string instance, DateTime complete, Random random)
    {
        var delay = _delays.Next(random);
        // A quiet instance holds what it records and pushes it when it speaks again.
        return Disruptions.QuietUntil(instance, complete) is { } until ? until + delay : complete + delay;
    }
}
