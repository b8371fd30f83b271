using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Portal.Core.Windowing;

/// <summary>
/// Prefetch hints: the engine's state per record (span tables of millions of entries, the slots of thousands of keys in
/// several open windows) is larger than the caches, so a record would stall on each of its lookups in turn. Asking for
/// the lines up front lets them load together, and while other work runs. A hint only warms the cache: it never changes
/// what the code computes, never faults (an address gone stale because the GC moved the array only wastes it), and
/// where the CPU has no such instruction it does nothing.
/// </summary>
internal static class CacheHint
{
    /// <summary>
    /// Starts loading every cache line holding <paramref name="location"/>: a 96-byte slot, for one, starts at varying
    /// offsets in a line and then spans three of them, the middle one too.
    /// </summary>
    public static unsafe void Prefetch<T>(ref T location)
    {
        if (!Sse.IsSupported) return;
        var first = (byte*)Unsafe.AsPointer(ref location);
        for (var offset = 0; offset < Unsafe.SizeOf<T>() - 1; offset += 64) Sse.Prefetch0(first + offset);
        Sse.Prefetch0(first + Unsafe.SizeOf<T>() - 1);
    }

    /// <summary>Starts loading the one line holding <paramref name="location"/>'s first byte: the first line of a cache-aligned element.</summary>
    public static unsafe void PrefetchLine<T>(ref T location)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref location));
    }

    /// <summary>Starts loading the 64 bytes from <paramref name="location"/> on: the start of a probe run, which may go on past the entry.</summary>
    public static unsafe void PrefetchRun<T>(ref T location)
    {
        if (!Sse.IsSupported) return;
        var first = (byte*)Unsafe.AsPointer(ref location);
        Sse.Prefetch0(first);
        Sse.Prefetch0(first + 63);
    }

    /// <summary>
    /// Starts loading the lines of the first <paramref name="size"/> bytes of <paramref name="instance"/> without reading
    /// any of it (a field's address would first be null-checked, a read of that very line): its address is taken as a number.
    /// </summary>
    public static unsafe void PrefetchObject(object instance, int size = 1)
    {
        if (!Sse.IsSupported) return;
        var first = (byte*)Unsafe.As<object, nint>(ref instance);
        for (var offset = 0; offset < size; offset += 64) Sse.Prefetch0(first + offset);
    }
}
