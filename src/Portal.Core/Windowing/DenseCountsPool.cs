namespace Portal.Core.Windowing;

/// <summary>
/// Dense bucket-count arrays shared by one engine's open windows. A key's counts turn dense in one window and not in the
/// next, and a reused slot serves another key: arrays kept per slot were allocated again and again (56 MiB per 4 M records
/// in the window benchmark), each living as long as the engine, work for every collection. Here a slot takes an array when
/// its counts turn dense and gives it back, cleared, when its window is reused.
/// </summary>
internal sealed class DenseCountsPool
{
    /// <summary>Covers a latency range of about 160× around the first value; a wider key grows its own array, which then joins the pool.</summary>
    public const int ArrayLength = 256;

    private readonly Stack<uint[]> _free = new();

    public uint[] Rent() => _free.TryPop(out var counts) ? counts : new uint[ArrayLength];

    /// <summary>Takes back an array whose counts are all zero.</summary>
    public void Return(uint[] counts) => _free.Push(counts);
}
