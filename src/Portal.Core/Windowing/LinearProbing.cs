namespace Portal.Core.Windowing;

/// <summary>An entry of a flat table keyed by span id (<see cref="SpanTable"/>).</summary>
internal interface IProbeEntry
{
    ulong ProbeKey { get; }
    bool IsFree { get; }
}

/// <summary>Open addressing for tables keyed by span id: where a key's probe run starts, and growing by doubling.</summary>
internal static class LinearProbing
{
    public const int MinCapacity = 16;
    /// <summary>The shift of <see cref="Home"/> for <see cref="MinCapacity"/> slots.</summary>
    public const int MinCapacityShift = 64 - 4;

    /// <summary>Fibonacci hashing: sequential ids spread over the whole table of 2^(64 − <paramref name="shift"/>) slots.</summary>
    public static int Home(ulong key, int shift) => (int)((key * 0x9E3779B97F4A7C15UL) >> shift);

    /// <summary>The entries moved into a table twice the size; <paramref name="shift"/> becomes the new table's.</summary>
    public static TEntry[] Doubled<TEntry>(TEntry[] entries, ref int shift) where TEntry : struct, IProbeEntry
    {
        var doubled = new TEntry[entries.Length * 2];
        var mask = doubled.Length - 1;
        shift--;
        foreach (var entry in entries)
        {
            if (entry.IsFree) continue;
            var slot = Home(entry.ProbeKey, shift);
            while (!doubled[slot].IsFree) slot = (slot + 1) & mask;
            doubled[slot] = entry;
        }
        return doubled;
    }
}
