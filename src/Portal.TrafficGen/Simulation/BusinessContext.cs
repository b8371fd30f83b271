namespace Portal.TrafficGen.Simulation;

/// <summary>Who the transaction is for: the values its attributes, log lines and events quote.</summary>
public sealed record BusinessContext(string CustomerId, string Tier, string AccountId, decimal Amount)
{
    private static readonly string[] Tiers = ["standard", "standard", "standard", "silver", "silver", "gold", "private"];

    public static BusinessContext Draw(Random random, string scenario)
    {
        var amount = scenario switch
        {
            "transfer" => Math.Round((decimal)random.LogNormal(800, 1.2), 2),
            "bill-payment" => Math.Round((decimal)random.LogNormal(150, 0.8), 2),
            "loan-application" => Math.Round((decimal)random.LogNormal(80, 0.7)) * 1000,
            "account-opening" => Math.Round((decimal)random.LogNormal(1_000, 1.0), 0),
            _ => 0m,
        };
        return new($"C{random.Next(10_000_000, 99_999_999)}", random.Pick(Tiers), $"6222{random.Next(1000, 9999)}{random.Next(10_000_000, 99_999_999)}", amount);
    }
}
