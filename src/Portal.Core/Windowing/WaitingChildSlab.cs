namespace Portal.Core.Windowing;

/// <summary>
/// The children waiting for their parent span, each in an entry of a flat array that a <see cref="SpanTable"/> points
/// to. Freed entries are reused first, so the entries in use stay few and recently touched. Each child carries the
/// generation it began waiting in; <see cref="Abandon"/> drops a whole generation. 32-byte entries hold no references.
/// </summary>
internal sealed class WaitingChildSlab(WindowKeyRegistry keys)
{
    private struct Entry
    {
        public ulong Parent;
        public long WindowIndex;
        public long DurationMicros;
        /// <summary>The callee's <see cref="WindowKeyRegistry.ServiceKeys.Ordinal"/> plus one; 0 marks a free entry.</summary>
        public int CalleePlusOne;
        public ushort BucketIndex;
        public bool IsError;
        public byte Generation;
    }

    private Entry[] _entries = new Entry[64];
    /// <summary>Entries at or above this index have never been used.</summary>
    private int _highWater;
    private readonly Stack<int> _free = new();

    public int Count { get; private set; }

    /// <summary>Stores <paramref name="child"/>, waiting for <paramref name="parent"/> since <paramref name="generation"/>, and returns its index.</summary>
    public int Add(ulong parent, in WaitingChild child, byte generation)
    {
        if (!_free.TryPop(out var index))
        {
            if (_highWater == _entries.Length) Array.Resize(ref _entries, _entries.Length * 2);
            index = _highWater++;
        }
        _entries[index] = new Entry
        {
            Parent = parent,
            WindowIndex = child.WindowIndex,
            DurationMicros = child.DurationMicros,
            CalleePlusOne = child.Callee.Ordinal + 1,
            BucketIndex = checked((ushort)child.BucketIndex),
            IsError = child.IsError,
            Generation = generation,
        };
        Count++;
        return index;
    }

    /// <summary>Starts loading the entry at <paramref name="index"/> (see <see cref="CacheHint"/>).</summary>
    public void Prefetch(int index) => CacheHint.Prefetch(ref _entries[index]);

    /// <summary>
    /// Takes the child at <paramref name="index"/> if it still waits for <paramref name="parent"/>: a table entry outlives
    /// the child it pointed to (taken or abandoned), and the slab entry may since hold another parent's child.
    /// </summary>
    public bool TryTake(int index, ulong parent, out WaitingChild child, out byte generation)
    {
        ref var entry = ref _entries[index];
        if (entry.CalleePlusOne == 0 || entry.Parent != parent)
        {
            child = default;
            generation = 0;
            return false;
        }
        child = new WaitingChild(keys.ServiceAt(entry.CalleePlusOne - 1), entry.WindowIndex, entry.DurationMicros, entry.BucketIndex, entry.IsError);
        generation = entry.Generation;
        Free(index);
        return true;
    }

    /// <summary>Calls <paramref name="visit"/> with the parent and index of every waiting child.</summary>
    public void ForEach(Action<ulong, int> visit)
    {
        for (var i = 0; i < _highWater; i++)
            if (_entries[i].CalleePlusOne != 0) visit(_entries[i].Parent, i);
    }

    /// <summary>Drops the children that began waiting in <paramref name="generation"/> and returns how many there were.</summary>
    public int Abandon(byte generation)
    {
        var dropped = 0;
        for (var i = 0; i < _highWater; i++)
        {
            if (_entries[i].CalleePlusOne == 0 || _entries[i].Generation != generation) continue;
            Free(i);
            dropped++;
        }
        return dropped;
    }

    private void Free(int index)
    {
        _entries[index] = default;
        _free.Push(index);
        Count--;
    }
}
