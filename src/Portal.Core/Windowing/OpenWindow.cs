namespace Portal.Core.Windowing;

/// <summary>
/// One window that is not final yet: the aggregate of every key seen in it, and which keys changed since it was emitted.
/// A final window is <see cref="Reuse">reused</see> for a later one, so its arrays are allocated once, not every second;
/// its keys' dense bucket blocks go back to the engine's pool for any window's keys.
/// </summary>
internal sealed class OpenWindow(long index, DenseCountsPool densePool)
{
    private const int InitialSlots = 16;

    public long Index { get; private set; } = index;

    /// <summary>Set once the first result went out (or would have, for a window first seen after its watermark passed).</summary>
    public bool FirstEmitted { get; set; }

    /// <summary>The keys with records in this window, in the order they were first seen: slots 0 to <c>KeyCount - 1</c>.</summary>
    public int KeyCount { get; private set; }

    /// <summary>Slots of the keys changed since the window emitted; each is listed once.</summary>
    public List<int> Changed { get; } = [];

    /// <summary>Each slot's counts on cache-line boundaries: a record's add touches the slot's first line (see <see cref="KeyAggregate"/>).</summary>
    private CacheAlignedArray<KeyAggregate> _slots = new(InitialSlots);
    private KeyEmission[] _emissions = new KeyEmission[InitialSlots];
    // Slot + 1 by key id (0: no records yet): one array read per scope on the hot path instead of a hash lookup.
    private int[] _slotPlusOneByKeyId = [];

    /// <summary>The key in <paramref name="slot"/> and what went out for it.</summary>
    public ref KeyEmission Emission(int slot) => ref _emissions[slot];

    /// <summary>The aggregate of the key in <paramref name="slot"/>, to put in a result: the one emitted before while no record was added since.</summary>
    public WindowAggregate Emit(int slot)
    {
        ref var emission = ref _emissions[slot];
        ref var counts = ref _slots[slot];
        // A key's count only grows while its window is open: the same count, nothing added.
        if (emission.Emitted is { } emitted && emitted.Count == counts.Count) return emitted;
        return emission.Emitted = counts.ToAggregate(densePool);
    }

    /// <summary>Empties this (final) window and makes it the window <paramref name="index"/>.</summary>
    public void Reuse(long index)
    {
        for (var slot = 0; slot < KeyCount; slot++)
        {
            _slotPlusOneByKeyId[_emissions[slot].KeyId] = 0;
            _slots[slot].Reset(densePool);
            _emissions[slot] = default;
        }
        KeyCount = 0;
        Changed.Clear();
        FirstEmitted = false;
        Index = index;
    }

    /// <summary>Starts loading the first line of the slot of <paramref name="keyId"/>, when the key has one (see <see cref="CacheHint"/>).</summary>
    public void Prefetch(int keyId)
    {
        var slot = SlotOf(keyId);
        if (slot >= 0) CacheHint.PrefetchLine(ref _slots[slot]);
    }

    /// <summary>
    /// Starts loading the bucket lines a record in <paramref name="bucketIndex"/> will touch: the dense count, or the
    /// sparse entries in use. Call it once the slot itself is loaded (a later call than <see cref="Prefetch"/>): it reads
    /// the slot to ask for only those lines.
    /// </summary>
    public void PrefetchBucket(int keyId, int bucketIndex)
    {
        var slot = SlotOf(keyId);
        if (slot >= 0) _slots[slot].PrefetchBuckets(bucketIndex, densePool);
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
                _slots = _slots.Resized(slot * 2);
                Array.Resize(ref _emissions, slot * 2);
            }
            _emissions[slot].KeyId = keyId;
            _slotPlusOneByKeyId[keyId] = slot + 1;
        }
        _slots[slot].Add(durationMicros, bucketIndex, isError, densePool);
        if (FirstEmitted) MarkChanged(slot);
    }

    private void MarkChanged(int slot)
    {
        ref var emission = ref _emissions[slot];
        if (emission.Changed) return;
        emission.Changed = true;
        Changed.Add(slot);
    }
}
