using System.Runtime.InteropServices;

namespace Portal.Core.Windowing;

/// <summary>
/// A hash table from span id to a non-negative int, with open addressing and linear probing. Entries are 12-byte structs
/// in one array: a lookup touches one or two cache lines, and the garbage collector has nothing in it to trace, which
/// matters at millions of remembered spans.
/// </summary>
internal sealed class SpanIdTable
{
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Entry : IProbeEntry
    {
        public ulong Key;
        /// <summary>The value plus one; 0 marks a free slot, so any key (0 too) can be stored.</summary>
        public int ValuePlusOne;

        public readonly ulong ProbeKey => Key;
        public readonly bool IsFree => ValuePlusOne == 0;
    }

    private Entry[] _entries = new Entry[LinearProbing.MinCapacity];
    private int _mask = LinearProbing.MinCapacity - 1;
    private int _shift = LinearProbing.MinCapacityShift;

    public int Count { get; private set; }

    public bool TryGetValue(ulong key, out int value)
    {
        var entries = _entries;
        for (var slot = Home(key); ; slot = (slot + 1) & _mask)
        {
            ref var entry = ref entries[slot];
            if (entry.ValuePlusOne == 0) break;
            if (entry.Key == key)
            {
                value = entry.ValuePlusOne - 1;
                return true;
            }
        }
        value = 0;
        return false;
    }

    /// <summary>Starts loading the line where <paramref name="key"/>'s probe starts (see <see cref="CacheHint"/>).</summary>
    public void Prefetch(ulong key) => CacheHint.Prefetch(ref _entries[Home(key)]);

    /// <summary>Adds or replaces the value of <paramref name="key"/>.</summary>
    public void Set(ulong key, int value)
    {
        if (Count >= (_mask + 1) / 4 * 3) Grow();
        var entries = _entries;
        var slot = Home(key);
        while (entries[slot].ValuePlusOne != 0 && entries[slot].Key != key) slot = (slot + 1) & _mask;
        if (entries[slot].ValuePlusOne == 0) Count++;
        entries[slot] = new Entry { Key = key, ValuePlusOne = value + 1 };
    }

    /// <summary>Empties the table and keeps its capacity, so a generation that turns over does not allocate again.</summary>
    public void Clear()
    {
        if (Count == 0) return;
        Array.Clear(_entries);
        Count = 0;
    }

    private int Home(ulong key) => LinearProbing.Home(key, _shift);

    private void Grow()
    {
        _entries = LinearProbing.Doubled(_entries, ref _shift);
        _mask = _entries.Length - 1;
    }
}
