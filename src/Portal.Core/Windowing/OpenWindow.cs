namespace Portal.Core.Windowing;

/// <summary>
/// One window that is not final yet: the aggregate of every key seen in it, and which keys changed since it was emitted.
/// A final window is <see cref="Reuse">reused</see> for a later one, so its arrays are allocated once, not every second;
/// its keys' dense bucket arrays go back to the engine's pool for any window's keys.
/// </summary>
internal sealed class OpenWindow(long index, DenseCountsPool densePool)
{
    public long Index { get; private set; } = index;

    /// <summary>Set once the first result went out (or would have, for a window first seen after its watermark passed).</summary>
    public bool FirstEmitted { get; set; }

    /// <summary>The keys with records in this window, in the order they were first seen: <c>Slot(0)</c> to <c>Slot(KeyCount - 1)</c>.</summary>
    public int KeyCount { get; private set; }

    /// <summary>Slots of the keys changed since the window emitted; each is listed once.</summary>
    public List<int> Changed { get; } = [];

    private KeyAggregate[] _slots = new KeyAggregate[16];
    /// <summary>Each slot's sparse buckets, apart from the slot so a slot stays small and both can be prefetched by slot number.</summary>
    private BucketCounts.Sparse[] _sparse = new BucketCounts.Sparse[16];
    // Slot + 1 by key id (0: no records yet): one array read per scope on the hot path instead of a hash lookup.
    private int[] _slotPlusOneByKeyId = [];

    public ref KeyAggregate Slot(int slot) => ref _slots[slot];

    /// <summary>The aggregate of the key in <paramref name="slot"/>, to put in a result.</summary>
    public WindowAggregate Emit(int slot) => _slots[slot].Emit(ref _sparse[slot]);

    /// <summary>Empties this (final) window and makes it the window <paramref name="index"/>.</summary>
    public void Reuse(long index)
    {
        for (var slot = 0; slot < KeyCount; slot++)
        {
            _slotPlusOneByKeyId[_slots[slot].KeyId] = 0;
            _slots[slot].Reset(ref _sparse[slot], densePool);
        }
        KeyCount = 0;
        Changed.Clear();
        FirstEmitted = false;
        Index = index;
    }

    /// <summary>Starts loading the slot of <paramref name="keyId"/>, when the key has one (see <see cref="CacheHint"/>).</summary>
    public void Prefetch(int keyId)
    {
        var slot = SlotOf(keyId);
        if (slot >= 0) CacheHint.Prefetch(ref _slots[slot]);
    }

    /// <summary>
    /// Starts loading the bucket lines a record in <paramref name="bucketIndex"/> will touch: the dense count, or the
    /// sparse entries in use. Call it once the slot itself is loaded (a later call than <see cref="Prefetch"/>): it reads
    /// the slot to ask for only those lines.
    /// </summary>
    public void PrefetchBucket(int keyId, int bucketIndex)
    {
        var slot = SlotOf(keyId);
        if (slot >= 0) _slots[slot].PrefetchBuckets(bucketIndex, ref _sparse[slot]);
    }

    /// <summary>The slot of <paramref name="keyId"/>, or -1 when the key has no records in this window.</summary>
    private int SlotOf(int keyId) => (uint)keyId < (uint)_slotPlusOneByKeyId.Length ? _slotPlusOneByKeyId[keyId] - 1 : -1;

    public void Add(int keyId, long durationMicros, int bucketIndex, bool isError)
    {
        if ((uint)keyId >= (uint)_slotPlusOneByKeyId.Length)
            Array.Resize(ref _slotPlusOneByKeyId, Math.Max(keyId + 1, _slotPlusOneByKeyId.Length * 2));
        var slot = _slotPlusOneByKeyId[keyId] - 1;
        if (slot < 0)
        {
            slot = KeyCount++;
            if (slot == _slots.Length)
            {
                Array.Resize(ref _slots, slot * 2);
                Array.Resize(ref _sparse, slot * 2);
            }
            _slots[slot].KeyId = keyId;
            _slotPlusOneByKeyId[keyId] = slot + 1;
        }
        ref var key = ref _slots[slot];
        key.Add(durationMicros, bucketIndex, isError, ref _sparse[slot], densePool);
        if (FirstEmitted && !key.Changed)
        {
            key.Changed = true;
            Changed.Add(slot);
        }
    }
}
