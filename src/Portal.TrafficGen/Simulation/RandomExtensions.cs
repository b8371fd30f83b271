namespace Portal.TrafficGen.Simulation;

/// <summary>The distributions the simulation draws from.</summary>
public static class RandomExtensions
{
    /// <summary>Log-normal with the given median: most calls near it, a long tail of slow ones.</summary>
    public static double LogNormal(this Random random, double median, double sigma) => median * Math.Exp(sigma * random.Gaussian());

    public static double Gaussian(this Random random)
    {
        // Box-Muller; 1 - NextDouble() keeps the logarithm's argument away from zero.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static T PickWeighted<T>(this Random random, IReadOnlyList<T> items, Func<T, double> weight)
    {
        var total = items.Sum(weight);
        var roll = random.NextDouble() * total;
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0) return item;
        }
        return items[^1];
    }

    public static string Hex(this Random random, int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        do random.NextBytes(buffer);
        while (buffer.IndexOfAnyExcept((byte)0) < 0);
        return Convert.ToHexStringLower(buffer);
    }
}
