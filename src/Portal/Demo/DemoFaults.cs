using Portal.TrafficGen;
using Portal.TrafficGen.Simulation;

namespace Portal.Demo;

/// <summary>
/// The running demo traffic's fault board, for the admin page that makes a simulated service slow or fail while the
/// demo runs. Empty (not running) when the portal was started without <c>--demo</c>.
/// </summary>
public sealed class DemoFaults(TimeProvider clock)
{
    private TrafficGenerator? _generator;

    public bool IsRunning => Volatile.Read(ref _generator) is not null;
    public double? Rate { get; private set; }
    public long Generated => Volatile.Read(ref _generator)?.Generated ?? 0;

    /// <summary>The faults in force now, soonest to end first.</summary>
    public IReadOnlyList<InjectedFault> Active
    {
        get
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return Volatile.Read(ref _generator)?.Faults.Faults.Where(f => f.Until > now).OrderBy(f => f.Until).ToList() ?? [];
        }
    }

    internal void Attach(TrafficGenerator generator, double rate)
    {
        Rate = rate;
        Volatile.Write(ref _generator, generator);
    }

    internal void Detach() => Volatile.Write(ref _generator, null);

    /// <summary>Injects the fault into the running demo; null when no demo traffic runs.</summary>
    public InjectedFault? Inject(FaultCommand command) => Volatile.Read(ref _generator) is { } generator ? command.InjectInto(generator) : null;
}
