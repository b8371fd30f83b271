using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Portal.Core.Sketches;

namespace Portal.Core.Windowing;

/// <summary>
/// The dense bucket counts of one engine's open windows, in blocks of one shared array. A key's counts turn dense in one
/// window and not in the next, and a reused slot serves another key: arrays kept per slot were allocated again and again,
/// each living as long as the engine, work for every collection. Here a slot takes a block when its counts turn dense and
/// gives it back, cleared, when its window is reused. A slot holds its block by position, not by reference, so it holds
/// no reference at all and fits a cache-aligned array (<see cref="CacheAlignedArray{T}"/>).
/// </summary>
internal sealed class DenseCountsPool
{
    /// <summary>
    /// The first block's length: a latency range of about 160× around the first value. A wider range takes a larger block,
    /// a power of two times this, so freed blocks are reused by size.
    /// </summary>
    public const int BlockLength = 256;

    private uint[] _counts = new uint[BlockLength * 64];
    /// <summary>Where the blocks handed out so far end.</summary>
    private int _end;
    private readonly Stack<int>[] _free = [.. Enumerable.Range(0, SizeClass(LatencySketch.MaxBucketIndex + 1) + 1).Select(_ => new Stack<int>())];

    /// <summary>The start of a block of at least <paramref name="length"/> zero counts.</summary>
    public int Rent(int length)
    {
        var sizeClass = SizeClass(length);
        if (_free[sizeClass].TryPop(out var start)) return start;
        var capacity = BlockLength << sizeClass;
        if (_end + capacity > _counts.Length) Array.Resize(ref _counts, Math.Max(_counts.Length * 2, _end + capacity));
        start = _end;
        _end += capacity;
        return start;
    }

    /// <summary>Takes back the block rented with <paramref name="length"/>, whose counts are all zero again.</summary>
    public void Return(int start, int length) => _free[SizeClass(length)].Push(start);

    public Span<uint> Counts(int start, int length) => _counts.AsSpan(start, length);

    /// <summary>The count at <paramref name="index"/>, found without reading the array's header (no bounds check: the callers keep to their blocks).</summary>
    public ref uint CountAt(int index) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_counts), index);

    private static int SizeClass(int length) => length <= BlockLength ? 0 : BitOperations.Log2((uint)(length - 1) / BlockLength) + 1;
}
