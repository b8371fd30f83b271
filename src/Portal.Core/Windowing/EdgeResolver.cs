using System.Diagnostics.CodeAnalysis;
using Portal.Core.Records;

namespace Portal.Core.Windowing;

/// <summary>
/// Finds the caller service of a span: its parent span's service. Remembers recent spans' services and keeps children whose
/// parent has not arrived yet. Both maps expire by generations: the current generation is retired after half the retention
/// (or when it holds half the cap) and dropped at the next turn, so an entry lives between half and all of its retention
/// and no per-entry timestamps are kept. Services are remembered by their ordinal in <paramref name="keys"/>, in flat tables.
/// </summary>
internal sealed class EdgeResolver(WindowEngineOptions options, WindowKeyRegistry keys)
{
    private SpanIdTable _remembered = new();
    private SpanIdTable _rememberedOlder = new();
    private long _rememberedSince;
    private readonly long _rememberTurnTicks = options.SpanServiceRetention.Ticks / 2;
    private readonly int _rememberTurnCount = options.MaxRememberedSpans / 2;

    private WaitingChildren _waiting = new(keys);
    private WaitingChildren _waitingOlder = new(keys);
    private long _waitingSince;
    private readonly long _waitTurnTicks = options.ParentWaitTimeout.Ticks / 2;
    private readonly int _waitTurnCount = options.MaxWaitingChildren / 2;

    public int RememberedSpans => _remembered.Count + _rememberedOlder.Count;
    public int WaitingChildren => _waiting.Count + _waitingOlder.Count;

    /// <summary>Children that gave up waiting for their parent (timeout or cap).</summary>
    public long Abandoned { get; private set; }

    public bool TryGetService(SpanId spanId, [NotNullWhen(true)] out WindowKeyRegistry.ServiceKeys? service)
    {
        if (_remembered.TryGetValue(spanId.Value, out var ordinal) || _rememberedOlder.TryGetValue(spanId.Value, out ordinal))
        {
            service = keys.ServiceAt(ordinal);
            return true;
        }
        service = null;
        return false;
    }

    /// <summary>
    /// Starts loading the table lines that the calls for one span will touch: <see cref="Remember"/> and
    /// <see cref="TakeWaiting"/> of <paramref name="spanId"/>, <see cref="TryGetService"/> and <see cref="Wait"/> of <paramref name="parent"/>.
    /// </summary>
    public void Prefetch(SpanId spanId, SpanId? parent)
    {
        _remembered.Prefetch(spanId.Value);
        _waiting.Prefetch(spanId);
        _waitingOlder.Prefetch(spanId);
        if (parent is not { } parentId) return;
        _remembered.Prefetch(parentId.Value);
        _rememberedOlder.Prefetch(parentId.Value);
        _waiting.Prefetch(parentId);
    }

    public void Remember(SpanId spanId, WindowKeyRegistry.ServiceKeys service)
    {
        if (_remembered.Count >= _rememberTurnCount) TurnRemembered(_rememberedSince);
        _remembered.Set(spanId.Value, service.Ordinal);
    }

    public void Wait(SpanId parent, in WaitingChild child)
    {
        if (_waiting.Count >= _waitTurnCount) TurnWaiting(_waitingSince);
        _waiting.Add(parent, child);
    }

    /// <summary>Moves the children waiting for <paramref name="parent"/> into <paramref name="into"/>.</summary>
    public void TakeWaiting(SpanId parent, List<WaitingChild> into)
    {
        _waiting.Take(parent, into);
        _waitingOlder.Take(parent, into);
    }

    /// <summary>Retires generations that are old enough at processing time <paramref name="nowTicks"/>.</summary>
    public void Expire(long nowTicks)
    {
        if (nowTicks - _rememberedSince >= _rememberTurnTicks) TurnRemembered(nowTicks);
        if (nowTicks - _waitingSince >= _waitTurnTicks) TurnWaiting(nowTicks);
    }

    private void TurnRemembered(long nowTicks)
    {
        _rememberedOlder.Clear();
        (_remembered, _rememberedOlder) = (_rememberedOlder, _remembered);
        _rememberedSince = nowTicks;
    }

    private void TurnWaiting(long nowTicks)
    {
        Abandoned += _waitingOlder.Clear();
        (_waiting, _waitingOlder) = (_waitingOlder, _waiting);
        _waitingSince = nowTicks;
    }
}
