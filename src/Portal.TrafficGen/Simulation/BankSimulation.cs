namespace Portal.TrafficGen.Simulation;

/// <summary>
/// The simulated bank: a pure function from (seed, serial, start time, active faults, unavailable instances) to one
/// transaction. Each transaction draws from its own random stream, so the same serial gives the same transaction
/// whatever order or thread it is generated on.
/// </summary>
public sealed class BankSimulation(int seed, TimeSpan? maxClockSkew = null)
{
    public int Seed { get; } = seed;
    public InstanceClocks Clocks { get; } = new(seed, maxClockSkew ?? TimeSpan.FromMilliseconds(200));

    /// <param name="scenario">a scenario code to force; null draws one by the scenarios' weights</param>
    /// <param name="isDown">instances that take no traffic at a moment (a node that is down)</param>
    public Transaction Generate(long serial, DateTime startUtc, IReadOnlyList<InjectedFault>? faults = null,
        Func<string, DateTime, bool>? isDown = null, string? scenario = null)
    {
        var random = new Random(Seeds.Mix(Seed, serial));
        var picked = scenario is null ? random.PickWeighted(BankScenarios.All, s => s.Weight) : BankScenarios.ByCode(scenario);
        var channel = picked.Code == "account-opening" || random.NextDouble() < 0.2 ? "counter" : "mobile-app";
        return new TransactionBuilder(random, Clocks, faults ?? [], isDown).Build(serial, startUtc, picked, channel);
    }
}
