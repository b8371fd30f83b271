using Portal.Core.Records;

namespace Portal.Core.Windowing;

/// <summary>
/// Children waiting for one generation of parents: a flat multimap from parent span id to the children themselves, with
/// open addressing and linear probing. A parent's children sit in its probe run, so finding them reads the lines
/// <see cref="Prefetch"/> asked for and nothing that depends on them; 32-byte entries hold no references, so the garbage
/// collector has nothing in them to trace.
/// </summary>
internal sealed class WaitingChildren(WindowKeyRegistry keys)
{
    private struct Entry : IProbeEntry
    {
        public ulong Parent;
        public long WindowIndex;
        public long DurationMicros;
        /// <summary>The callee's <see cref="WindowKeyRegistry.ServiceKeys.Ordinal"/> plus one; 0 marks a free slot.</summary>
        public int CalleePlusOne;
        public ushort BucketIndex;
        public bool IsError;

        public readonly ulong ProbeKey => Parent;
        public readonly bool IsFree => CalleePlusOne == 0;
    }

    private Entry[] _entries = new Entry[LinearProbing.MinCapacity];
    private int _mask = LinearProbing.MinCapacity - 1;
    private int _shift = LinearProbing.MinCapacityShift;

    public int Count { get; private set; }

    /// <summary>Starts loading the line where <paramref name="parent"/>'s probe run starts (see <see cref="CacheHint"/>).</summary>
    public void Prefetch(SpanId parent) => CacheHint.Prefetch(ref _entries[Home(parent.Value)]);

    public void Add(SpanId parent, in WaitingChild child)
    {
        // At most half full: a parent's several children lengthen its run.
        if (Count >= (_mask + 1) / 2) Grow();
        var slot = Home(parent.Value);
        while (_entries[slot].CalleePlusOne != 0) slot = (slot + 1) & _mask;
        _entries[slot] = new Entry
        {
            Parent = parent.Value,
            WindowIndex = child.WindowIndex,
            DurationMicros = child.DurationMicros,
            CalleePlusOne = child.Callee.Ordinal + 1,
            BucketIndex = checked((ushort)child.BucketIndex),
            IsError = child.IsError,
        };
        Count++;
    }

    /// <summary>Moves the children of <paramref name="parent"/> into <paramref name="into"/>.</summary>
    public void Take(SpanId parent, List<WaitingChild> into)
    {
        if (Count == 0) return;
        var entries = _entries;
        var slot = Home(parent.Value);
        while (entries[slot].CalleePlusOne != 0)
        {
            ref var entry = ref entries[slot];
            if (entry.Parent != parent.Value)
            {
                slot = (slot + 1) & _mask;
                continue;
            }
            into.Add(new WaitingChild(keys.ServiceAt(entry.CalleePlusOne - 1), entry.WindowIndex, entry.DurationMicros, entry.BucketIndex, entry.IsError));
            // The slot now holds a later entry of the run, or is free: look at it again.
            RemoveAt(slot);
        }
    }

    /// <summary>Drops every waiting child and returns how many there were; the capacity stays.</summary>
    public int Clear()
    {
        var dropped = Count;
        if (dropped == 0) return 0;
        Array.Clear(_entries);
        Count = 0;
        return dropped;
    }

    /// <summary>Backward-shift deletion: pulls later entries of the probe run into the hole, so lookups need no tombstones.</summary>
    private void RemoveAt(int slot)
    {
        var entries = _entries;
        Count--;
        var hole = slot;
        for (var next = (hole + 1) & _mask; entries[next].CalleePlusOne != 0; next = (next + 1) & _mask)
        {
            var home = Home(entries[next].Parent);
            var movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
            if (!movable) continue;
            entries[hole] = entries[next];
            hole = next;
        }
        entries[hole] = default;
    }

    private int Home(ulong key) => LinearProbing.Home(key, _shift);

    private void Grow()
    {
        _entries = LinearProbing.Doubled(_entries, ref _shift);
        _mask = _entries.Length - 1;
    }
}
