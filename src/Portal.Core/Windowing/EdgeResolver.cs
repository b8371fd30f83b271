using System.Diagnostics.CodeAnalysis;
using Portal.Core.Records;

namespace Portal.Core.Windowing;

/// <summary>
/// Finds the caller service of a span: its parent span's service. Remembers recent spans' services and keeps children whose
/// parent has not arrived yet, both in <see cref="SpanTable"/> generations: the current one is retired after half the
/// retention (or when it holds half the cap) and dropped at the next turn, so an entry lives between half and all of its
/// retention and no per-entry timestamps are kept. Waiting children expire the same way, by their own generations.
/// Services are remembered by their ordinal in <paramref name="keys"/>.
/// </summary>
internal sealed class EdgeResolver(WindowEngineOptions options, WindowKeyRegistry keys)
{
    private SpanTable _current = new();
    private SpanTable _older = new();
    private long _rememberedSince;
    private readonly long _rememberTurnTicks = options.SpanServiceRetention.Ticks / 2;
    private readonly int _rememberTurnCount = options.MaxRememberedSpans / 2;

    private readonly WaitingChildSlab _waiting = new(keys);
    private readonly List<int> _waitingIndices = [];
    /// <summary>Children found waiting by <see cref="Remember"/>, taken from the slab by <see cref="TakeFound"/>.</summary>
    private readonly List<(ulong Parent, int Index, WindowKeyRegistry.ServiceKeys Caller)> _found = [];
    /// <summary>How many entries ahead <see cref="TakeFound"/> asks for slab lines (see <see cref="CacheHint"/>).</summary>
    private const int TakeLookahead = 8;
    private byte _waitGeneration;
    /// <summary>Children waiting since the current generation, and since the one before.</summary>
    private int _waitingNew, _waitingOld;
    private long _waitingSince;
    private readonly long _waitTurnTicks = options.ParentWaitTimeout.Ticks / 2;
    private readonly int _waitTurnCount = options.MaxWaitingChildren / 2;

    public int RememberedSpans => _current.SpanCount + _older.SpanCount;
    public int WaitingChildren => _waiting.Count;

    /// <summary>Children that gave up waiting for their parent (timeout or cap).</summary>
    public long Abandoned { get; private set; }

    public bool TryGetService(ulong spanId, [NotNullWhen(true)] out WindowKeyRegistry.ServiceKeys? service)
    {
        if (_current.TryGetSpan(spanId, out var ordinal) || _older.TryGetSpan(spanId, out ordinal))
        {
            service = keys.ServiceAt(ordinal);
            return true;
        }
        service = null;
        return false;
    }

    /// <summary>
    /// Starts loading the table lines that the calls for one span will touch: <see cref="Remember"/> of
    /// <paramref name="spanId"/>, <see cref="TryGetService"/> and <see cref="Wait"/> of <paramref name="parent"/> (0: none).
    /// </summary>
    public void Prefetch(ulong spanId, ulong parent)
    {
        _current.Prefetch(spanId);
        if (parent == 0) return;
        _current.Prefetch(parent);
        _older.Prefetch(parent);
    }

    /// <summary>
    /// Remembers the service of <paramref name="spanId"/>. The children found waiting for it are taken by the next
    /// <see cref="TakeFound"/>: a child's slab entry is known only once the table's line has loaded, so they are taken
    /// together afterwards, each asked for ahead, rather than each waited for in turn.
    /// </summary>
    public void Remember(ulong spanId, WindowKeyRegistry.ServiceKeys service)
    {
        if (_current.SpanCount >= _rememberTurnCount) TurnRemembered(_rememberedSince);
        _current.Remember(spanId, service.Ordinal, _waitingIndices);
        if (_waitingIndices.Count == 0) return;
        foreach (var index in _waitingIndices) _found.Add((spanId, index, service));
        _waitingIndices.Clear();
    }

    /// <summary>Children whose parent is known, with their caller, taken by <see cref="TakeFound"/>; the engine empties the list.</summary>
    public List<(WindowKeyRegistry.ServiceKeys Caller, WaitingChild Child)> Resolved { get; } = [];

    /// <summary>Moves the children found by <see cref="Remember"/> since the last call into <see cref="Resolved"/>.</summary>
    public void TakeFound()
    {
        var found = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_found);
        for (var i = 0; i < found.Length; i++)
        {
            if (i + TakeLookahead < found.Length) _waiting.Prefetch(found[i + TakeLookahead].Index);
            var (parent, index, caller) = found[i];
            if (!_waiting.TryTake(index, parent, out var child, out var generation)) continue;
            if (generation == _waitGeneration) _waitingNew--;
            else _waitingOld--;
            Resolved.Add((caller, child));
        }
        _found.Clear();
    }

    /// <summary>Keeps <paramref name="child"/> until its parent is remembered, or its wait expires.</summary>
    public void Wait(ulong parent, in WaitingChild child)
    {
        if (_waitingNew >= _waitTurnCount) TurnWaiting(_waitingSince);
        _current.AddWaiting(parent, _waiting.Add(parent, child, _waitGeneration));
        _waitingNew++;
    }

    /// <summary>Retires generations that are old enough at processing time <paramref name="nowTicks"/>.</summary>
    public void Expire(long nowTicks)
    {
        if (nowTicks - _rememberedSince >= _rememberTurnTicks) TurnRemembered(nowTicks);
        if (nowTicks - _waitingSince >= _waitTurnTicks) TurnWaiting(nowTicks);
    }

    private void TurnRemembered(long nowTicks)
    {
        _older.Clear();
        (_current, _older) = (_older, _current);
        _rememberedSince = nowTicks;
        // Only the current generation is searched for waiting children: they move along.
        _waiting.ForEach(_current.AddWaiting);
    }

    private void TurnWaiting(long nowTicks)
    {
        // Children whose parent came before the turn are resolved, not abandoned.
        TakeFound();
        if (_waitingOld > 0) Abandoned += _waiting.Abandon(unchecked((byte)(_waitGeneration - 1)));
        _waitingOld = _waitingNew;
        _waitingNew = 0;
        _waitGeneration++;
        _waitingSince = nowTicks;
    }
}
