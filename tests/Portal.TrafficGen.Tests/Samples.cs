using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Tests;

/// <summary>Transactions generated once for the tests that only read them.</summary>
internal static class Samples
{
    public static readonly DateTime Start = new(2026, 11, 21, 9, 30, 0, DateTimeKind.Utc);

    public static List<Transaction> Generate(int seed, int count, IReadOnlyList<InjectedFault>? faults = null)
    {
        var simulation = new BankSimulation(seed);
        return [.. Enumerable.Range(1, count).Select(i => simulation.Generate(i, Start.AddMilliseconds(i * 10), faults))];
    }

    public static readonly Lazy<List<Transaction>> Thousands = new(() => Generate(7, 3000));
}
