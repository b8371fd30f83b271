namespace Portal.TrafficGen.Simulation;

/// <summary>
/// The faults injected at run time. Thread-safe: the host or a test injects while the generator reads; readers see an
/// immutable snapshot, so a transaction is simulated against one consistent set of faults.
/// </summary>
public sealed class FaultBoard
{
    private InjectedFault[] _faults = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<InjectedFault> Faults => Volatile.Read(ref _faults);

    public InjectedFault Add(string service, FaultKind kind, double? magnitude, DateTime from, TimeSpan duration)
    {
        if (!BankTopology.Services.Contains(service))
            throw new ArgumentException($"Unknown service '{service}'; one of {string.Join(", ", BankTopology.Services)}.", nameof(service));
        if (duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "The duration must be positive.");
        var value = magnitude ?? (kind == FaultKind.Slow ? 5 : 0.5);
        if (kind == FaultKind.Slow && value < 1) throw new ArgumentOutOfRangeException(nameof(magnitude), "A slow-down factor must be at least 1.");
        if (kind == FaultKind.Fail && value is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(magnitude), "A failure share must be within 0..1.");

        var fault = new InjectedFault(service, kind, value, from, from + duration);
        lock (_gate)
        {
            // Expired faults are dropped here so the list stays as short as the set of live ones.
            Volatile.Write(ref _faults, [.. _faults.Where(f => f.Until > from), fault]);
        }
        return fault;
    }

    public static double SlowFactor(IReadOnlyList<InjectedFault> faults, string service, DateTime at)
    {
        var factor = 1.0;
        foreach (var fault in faults)
            if (fault.Kind == FaultKind.Slow && fault.IsActive(service, at)) factor *= fault.Magnitude;
        return factor;
    }

    public static double FailShare(IReadOnlyList<InjectedFault> faults, string service, DateTime at)
    {
        var pass = 1.0;
        foreach (var fault in faults)
            if (fault.Kind == FaultKind.Fail && fault.IsActive(service, at)) pass *= 1 - fault.Magnitude;
        return 1 - pass;
    }
}
