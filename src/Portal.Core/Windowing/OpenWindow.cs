namespace Portal.Core.Windowing;

/// <summary>One window that is not final yet: the aggregate of every key seen in it, and which keys changed since it was emitted.</summary>
internal sealed class OpenWindow(long index)
{
    public long Index { get; } = index;

    /// <summary>Set once the first result went out (or would have, for a window first seen after its watermark passed).</summary>
    public bool FirstEmitted { get; set; }

    public Dictionary<int, KeyWindow> Keys { get; } = [];

    /// <summary>Keys changed since the window emitted; each is listed once.</summary>
    public List<KeyWindow> Changed { get; } = [];

    public void Add(int keyId, long durationMicros, int bucketIndex, bool isError)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Keys, keyId, out var exists);
        if (!exists) slot = new KeyWindow(keyId);
        var key = slot!;
        key.Aggregate.Add(durationMicros, bucketIndex, isError);
        if (FirstEmitted && !key.Changed)
        {
            key.Changed = true;
            Changed.Add(key);
        }
    }
}

/// <summary>One key's aggregate in an open window, with the revision it last went out with.</summary>
internal sealed class KeyWindow(int keyId)
{
    public int KeyId { get; } = keyId;
    public WindowAggregate Aggregate { get; } = new();
    public int Revision { get; set; }
    public bool Changed { get; set; }
}
