using System.Runtime.InteropServices;

namespace Portal.Core.Windowing;

/// <summary>
/// One generation of the span ids an <see cref="EdgeResolver"/> knows, in one flat table: spans remembered with their
/// service, and children waiting for a parent, under the parent's id (the child itself is in a
/// <see cref="WaitingChildSlab"/>). A span and the children waiting for it share a key, so remembering the span finds
/// them in the same probe run, and a lookup that misses its parent notes the child where the run ends: one probe of
/// one table per span id, where a map each took two or three. Open addressing with linear probing; 12-byte entries hold
/// no references, so the garbage collector has nothing in them to trace.
/// </summary>
internal sealed class SpanTable
{
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Entry : IProbeEntry
    {
        public ulong Key;
        /// <summary>Above 0: a remembered span, its service ordinal plus one. Below 0: a waiting child, <c>~</c> its slab index. 0: free.</summary>
        public int Value;

        public readonly ulong ProbeKey => Key;
        public readonly bool IsFree => Value == 0;
    }

    private Entry[] _entries = new Entry[LinearProbing.MinCapacity];
    private int _mask = LinearProbing.MinCapacity - 1;
    private int _shift = LinearProbing.MinCapacityShift;
    /// <summary>Entries in use, spans and waiting children: what fills the table.</summary>
    private int _used;

    /// <summary>Distinct spans remembered.</summary>
    public int SpanCount { get; private set; }

    /// <summary>Starts loading the line where <paramref name="key"/>'s probe run starts (see <see cref="CacheHint"/>).</summary>
    public void Prefetch(ulong key) => CacheHint.PrefetchRun(ref _entries[Home(key)]);

    /// <summary>The service ordinal of the span <paramref name="key"/>, if remembered here; waiting children are passed over.</summary>
    public bool TryGetSpan(ulong key, out int ordinal)
    {
        var entries = _entries;
        for (var slot = Home(key); entries[slot].Value != 0; slot = (slot + 1) & _mask)
        {
            ref var entry = ref entries[slot];
            if (entry.Key == key && entry.Value > 0)
            {
                ordinal = entry.Value - 1;
                return true;
            }
        }
        ordinal = 0;
        return false;
    }

    /// <summary>Notes that the child in slab entry <paramref name="childIndex"/> waits for <paramref name="parent"/>.</summary>
    public void AddWaiting(ulong parent, int childIndex) => Insert(parent, ~childIndex);

    /// <summary>
    /// Remembers the span <paramref name="key"/> with its service <paramref name="ordinal"/> (replacing an earlier one) and
    /// adds to <paramref name="waiting"/> the slab index of each child noted as waiting for it. The first of those entries
    /// becomes the span's; any other stays behind, and its slab entry, once freed, no longer matches it.
    /// </summary>
    public void Remember(ulong key, int ordinal, List<int> waiting)
    {
        MakeRoom();
        var entries = _entries;
        var span = -1;
        var slot = Home(key);
        for (; entries[slot].Value != 0; slot = (slot + 1) & _mask)
        {
            ref var entry = ref entries[slot];
            if (entry.Key != key) continue;
            if (entry.Value < 0) waiting.Add(~entry.Value);
            if (span < 0) span = slot;
        }
        if (span < 0)
        {
            span = slot;
            _used++;
        }
        if (entries[span].Value <= 0) SpanCount++;
        entries[span] = new Entry { Key = key, Value = ordinal + 1 };
    }

    /// <summary>Empties the table and keeps its capacity, so a generation that turns over does not allocate again.</summary>
    public void Clear()
    {
        if (_used == 0) return;
        Array.Clear(_entries);
        _used = 0;
        SpanCount = 0;
    }

    private void Insert(ulong key, int value)
    {
        MakeRoom();
        var entries = _entries;
        var slot = Home(key);
        while (entries[slot].Value != 0) slot = (slot + 1) & _mask;
        entries[slot] = new Entry { Key = key, Value = value };
        _used++;
    }

    private int Home(ulong key) => LinearProbing.Home(key, _shift);

    /// <summary>Doubles the table at three quarters full, before an entry is added.</summary>
    private void MakeRoom()
    {
        if (_used < (_mask + 1) / 4 * 3) return;
        _entries = LinearProbing.Doubled(_entries, ref _shift);
        _mask = _entries.Length - 1;
    }
}
