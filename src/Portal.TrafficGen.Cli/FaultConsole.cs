using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Cli;

/// <summary>
/// Faults typed on standard input while traffic runs, one command a line, so an operator can make a service slow or
/// fail and watch the portal's curves and call chains show it.
/// </summary>
internal static class FaultConsole
{
    public static InjectedFault Inject(FaultCommand command, TrafficGenerator generator)
    {
        var fault = command.InjectInto(generator);
        Console.WriteLine(FormattableString.Invariant($"Fault injected: {command} (until {fault.Until:HH:mm:ss} UTC)."));
        return fault;
    }

    /// <summary>Reads commands until standard input ends; a line that is not a command gets the syntax, the run goes on.</summary>
    public static async Task ListenAsync(TrafficGenerator generator, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && await Console.In.ReadLineAsync(ct) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (FaultCommand.TryParse(line, out var command, out var error)) Inject(command!, generator);
            else Console.Error.WriteLine($"Not a fault: {error}.");
        }
    }
}
