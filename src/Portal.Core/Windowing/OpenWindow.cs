namespace Portal.Core.Windowing;

/// <summary>One window that is not final yet: the aggregate of every key seen in it, and which keys changed since it was emitted.</summary>
internal sealed class OpenWindow(long index)
{
    public long Index { get; } = index;

    /// <summary>Set once the first result went out (or would have, for a window first seen after its watermark passed).</summary>
    public bool FirstEmitted { get; set; }

    /// <summary>The keys with records in this window, in the order they were first seen.</summary>
    public List<KeyWindow> Keys { get; } = [];

    /// <summary>Keys changed since the window emitted; each is listed once.</summary>
    public List<KeyWindow> Changed { get; } = [];

    // Indexed by key id: one array read per scope on the hot path instead of a hash lookup.
    private KeyWindow?[] _byKeyId = [];

    public void Add(int keyId, long durationMicros, int bucketIndex, bool isError)
    {
        if ((uint)keyId >= (uint)_byKeyId.Length) Array.Resize(ref _byKeyId, Math.Max(keyId + 1, _byKeyId.Length * 2));
        var key = _byKeyId[keyId];
        if (key is null)
        {
            key = _byKeyId[keyId] = new KeyWindow(keyId);
            Keys.Add(key);
        }
        key.WritableAggregate().Add(durationMicros, bucketIndex, isError);
        if (FirstEmitted && !key.Changed)
        {
            key.Changed = true;
            Changed.Add(key);
        }
    }
}

/// <summary>
/// One key's aggregate in an open window, with the revision it last went out with. An emitted aggregate is handed out
/// as it is and copied only if the window changes again (copy on write): most windows never do, so emitting costs no copy.
/// </summary>
internal sealed class KeyWindow(int keyId)
{
    private bool _emitted;

    public int KeyId { get; } = keyId;
    public WindowAggregate Aggregate { get; private set; } = new();
    public int Revision { get; set; }
    public bool Changed { get; set; }

    /// <summary>The aggregate to put in a result; the engine no longer changes that object.</summary>
    public WindowAggregate Emit()
    {
        _emitted = true;
        return Aggregate;
    }

    public WindowAggregate WritableAggregate()
    {
        if (_emitted)
        {
            Aggregate = Aggregate.Clone();
            _emitted = false;
        }
        return Aggregate;
    }
}
