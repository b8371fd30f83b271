using System.Diagnostics;

namespace Portal.Bench.Window;

/// <summary>
/// The machine's memory latency at the moment, measured beside each window run: a chase of dependent reads through a
/// random cycle in an array far larger than the caches, each read waiting for the one before. The window engine's state
/// is larger than the caches too, so on a shared (virtual) machine its rate moves with this latency; the two side by side
/// tell a slower engine from a slower machine.
/// </summary>
internal sealed class MemoryLatencyProbe
{
    private const int Bytes = 64 << 20;
    private const int Steps = 2_000_000;
    private readonly int[] _next;
    /// <summary>Where the last chase ended: kept, so the chase is not optimised away.</summary>
    private int _end;

    public MemoryLatencyProbe(int seed)
    {
        // Sattolo's shuffle: one cycle through every element, so the chase never settles in a short loop that would cache.
        _next = new int[Bytes / sizeof(int)];
        for (var i = 0; i < _next.Length; i++) _next[i] = i;
        var random = new Random(seed);
        for (var i = _next.Length - 1; i > 0; i--)
        {
            var j = random.Next(i);
            (_next[i], _next[j]) = (_next[j], _next[i]);
        }
    }

    /// <summary>Dependent random reads per second.</summary>
    public double ReadsPerSecond()
    {
        var at = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Steps; i++) at = _next[at];
        clock.Stop();
        _end = at;
        return Steps / clock.Elapsed.TotalSeconds;
    }
}
