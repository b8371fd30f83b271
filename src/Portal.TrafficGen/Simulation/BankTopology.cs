namespace Portal.TrafficGen.Simulation;

/// <summary>The services of the simulated bank and their instances (<c>payments-1</c>, <c>payments-2</c>, ...).</summary>
public static class BankTopology
{
    public static IReadOnlyList<string> Channels { get; } = ["mobile-app", "counter"];
    public static IReadOnlyList<string> CapabilityCentres { get; } = ["accounts", "payments", "risk", "customer", "notification"];
    public static IReadOnlyList<string> ExternalSystems { get; } = ["unionpay", "credit-bureau"];

    private static readonly Dictionary<string, int> InstanceCounts = new()
    {
        ["mobile-app"] = 3, ["counter"] = 2, ["gateway"] = 3,
        ["accounts"] = 3, ["payments"] = 3, ["risk"] = 2, ["customer"] = 2, ["notification"] = 2,
        ["core-banking"] = 2, ["unionpay"] = 2, ["credit-bureau"] = 2,
    };

    public static IReadOnlyList<string> Services { get; } = [.. InstanceCounts.Keys];

    /// <summary>Every instance of every service, in a fixed order.</summary>
    public static IReadOnlyList<string> AllInstances { get; } = [.. InstanceCounts.Keys.SelectMany(InstancesOf)];

    public static IReadOnlyList<string> InstancesOf(string service) =>
        [.. Enumerable.Range(1, InstanceCounts[service]).Select(i => $"{service}-{i}")];

    public static string ServiceOf(string instance) => instance[..instance.LastIndexOf('-')];

    public static bool IsExternal(string service) => ExternalSystems.Contains(service);
}
