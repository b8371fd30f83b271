using Portal.Core.Records;

namespace Portal.Core.Windowing;

/// <summary>
/// Children waiting for one generation of parents: a flat table from parent span id to a linked list of children kept in
/// pooled arrays, so waiting allocates nothing per record once the pool has grown.
/// </summary>
internal sealed class WaitingChildren
{
    private readonly SpanIdTable _heads = new();
    private WaitingChild[] _children = new WaitingChild[64];
    private int[] _next = new int[64];
    private int _used;
    private int _free = -1;

    public int Count { get; private set; }

    /// <summary>Starts loading the line of <paramref name="parent"/>'s list head.</summary>
    public void Prefetch(SpanId parent) => _heads.Prefetch(parent.Value);

    public void Add(SpanId parent, in WaitingChild child)
    {
        int slot;
        if (_free >= 0)
        {
            slot = _free;
            _free = _next[slot];
        }
        else
        {
            if (_used == _children.Length)
            {
                Array.Resize(ref _children, _used * 2);
                Array.Resize(ref _next, _used * 2);
            }
            slot = _used++;
        }
        _children[slot] = child;
        _next[slot] = _heads.TryGetValue(parent.Value, out var head) ? head : -1;
        _heads.Set(parent.Value, slot);
        Count++;
    }

    /// <summary>Moves the children of <paramref name="parent"/> into <paramref name="into"/>.</summary>
    public void Take(SpanId parent, List<WaitingChild> into)
    {
        if (Count == 0 || !_heads.Remove(parent.Value, out var slot)) return;
        while (slot >= 0)
        {
            into.Add(_children[slot]);
            _children[slot] = default;
            var next = _next[slot];
            _next[slot] = _free;
            _free = slot;
            slot = next;
            Count--;
        }
    }

    /// <summary>Drops every waiting child and returns how many there were.</summary>
    public int Clear()
    {
        var dropped = Count;
        _heads.Clear();
        Array.Clear(_children, 0, _used);
        _used = 0;
        _free = -1;
        Count = 0;
        return dropped;
    }
}
