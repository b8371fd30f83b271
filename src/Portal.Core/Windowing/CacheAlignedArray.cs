using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Portal.Core.Windowing;

/// <summary>
/// A fixed-length array whose elements start on 64-byte cache-line boundaries (<typeparamref name="T"/>'s size a
/// multiple of 64). A managed array's elements start 16 bytes into the object, at any 8-byte boundary: a 64-byte element
/// there straddles two lines, and a random access to its first 64 bytes misses twice. The bytes live on the pinned object
/// heap, so the alignment found when they are allocated holds; <typeparamref name="T"/> holds no references, which the
/// collector would not see in bytes.
/// </summary>
internal sealed class CacheAlignedArray<T> where T : unmanaged
{
    public const int LineBytes = 64;

    private readonly byte[] _bytes;
    /// <summary>Bytes skipped at the start of <c>_bytes</c> to reach a line boundary.</summary>
    private readonly int _start;

    public unsafe CacheAlignedArray(int length)
    {
        if (Unsafe.SizeOf<T>() % LineBytes != 0)
            throw new InvalidOperationException($"{typeof(T).Name} is {Unsafe.SizeOf<T>()} bytes, not a multiple of {LineBytes}.");
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _bytes = GC.AllocateArray<byte>(length * Unsafe.SizeOf<T>() + LineBytes - 1, pinned: true);
        var address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_bytes));
        _start = (int)((LineBytes - address % LineBytes) % LineBytes);
    }

    public int Length { get; }

    public ref T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Length, nameof(index));
            ref var first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bytes), _start);
            return ref Unsafe.Add(ref Unsafe.As<byte, T>(ref first), index);
        }
    }

    /// <summary>A new array of <paramref name="length"/> elements, starting with copies of this one's.</summary>
    public CacheAlignedArray<T> Resized(int length)
    {
        var resized = new CacheAlignedArray<T>(length);
        for (var i = 0; i < Math.Min(length, Length); i++) resized[i] = this[i];
        return resized;
    }
}
