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
    private struct Entry
    {
        public ulong Key;
        /// <summary>The value plus one; 0 marks a free slot, so any key (0 too) can be stored.</summary>
        public int ValuePlusOne;
    }

    private const int MinCapacity = 16;

    private Entry[] _entries = new Entry[MinCapacity];
    private int _mask = MinCapacity - 1;
    private int _shift = 64 - 4;

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

    /// <summary>Removes <paramref name="key"/> and returns its value; false when it is not there.</summary>
    public bool Remove(ulong key, out int value)
    {
        var entries = _entries;
        var slot = Home(key);
        while (true)
        {
            if (entries[slot].ValuePlusOne == 0)
            {
                value = 0;
                return false;
            }
            if (entries[slot].Key == key) break;
            slot = (slot + 1) & _mask;
        }
        value = entries[slot].ValuePlusOne - 1;
        Count--;
        // Backward-shift deletion: pull later entries of the probe run into the hole, so lookups need no tombstones.
        var hole = slot;
        for (var next = (hole + 1) & _mask; entries[next].ValuePlusOne != 0; next = (next + 1) & _mask)
        {
            var home = Home(entries[next].Key);
            var movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
            if (!movable) continue;
            entries[hole] = entries[next];
            hole = next;
        }
        entries[hole] = default;
        return true;
    }

    /// <summary>Empties the table and keeps its capacity, so a generation that turns over does not allocate again.</summary>
    public void Clear()
    {
        if (Count == 0) return;
        Array.Clear(_entries);
        Count = 0;
    }

    // Fibonacci hashing: sequential ids spread over the whole table.
    private int Home(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Grow()
    {
        var old = _entries;
        _entries = new Entry[old.Length * 2];
        _mask = _entries.Length - 1;
        _shift--;
        foreach (var entry in old)
        {
            if (entry.ValuePlusOne == 0) continue;
            var slot = Home(entry.Key);
            while (_entries[slot].ValuePlusOne != 0) slot = (slot + 1) & _mask;
            _entries[slot] = entry;
        }
    }
}
