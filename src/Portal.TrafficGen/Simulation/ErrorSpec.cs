namespace Portal.TrafficGen.Simulation;

/// <summary>
/// A failure a service can produce: its result code, message, the exception its log shows and where it was thrown.
/// A <see cref="TimeoutMs"/> failure lasts that long (the caller gave up); <see cref="IsSystem"/> marks the code used
/// for injected faults.
/// </summary>
public sealed record ErrorSpec(
    string Code,
    string Message,
    string Exception,
    string Frame,
    double Weight = 1,
    double? TimeoutMs = null,
    bool IsSystem = false);
