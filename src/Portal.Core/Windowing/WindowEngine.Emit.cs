namespace Portal.Core.Windowing;

public sealed partial class WindowEngine
{
    /// <summary>
    /// The processing-time tick (every 100–250 ms): moves the watermark to <paramref name="nowUtc"/>'s value and returns what
    /// became due, late deltas first, then per window in ascending order its first results, corrections and final results.
    /// </summary>
    public IReadOnlyList<WindowResult> AdvanceTo(DateTime nowUtc)
    {
        _started = true;
        Flush();
        var nowTicks = nowUtc.Ticks;
        var watermark = _watermark.Advance(nowTicks);
        _firstThrough = Math.Max(_firstThrough, watermark / _windowTicks - 1);
        _finalThrough = Math.Max(_finalThrough, (watermark - _latenessTicks) / _windowTicks - 1);

        var results = new WindowResultList(ResultsDue());
        EmitLateDeltas(results);

        var finalized = 0;
        foreach (var window in _windows)
        {
            if (window.Index > _firstThrough) break;
            if (!window.FirstEmitted)
            {
                EmitFirst(window, results);
                window.FirstEmitted = true;
            }
            if (window.Index <= _finalThrough)
            {
                EmitFinal(window, results);
                finalized++;
            }
            else if (window.Changed.Count > 0)
            {
                EmitCorrections(window, results);
            }
        }
        if (finalized > 0)
        {
            for (var i = 0; i < finalized; i++) _spareWindows.Push(_windows[i]);
            _windows.RemoveRange(0, finalized);
        }

        _edges.Expire(nowTicks);
        return results;
    }

    /// <summary>How many results this <see cref="AdvanceTo"/> emits: the list is sized once.</summary>
    private int ResultsDue()
    {
        var due = _lateDeltas.Count;
        foreach (var window in _windows)
        {
            if (window.Index > _firstThrough) break;
            if (!window.FirstEmitted) due += window.KeyCount;
            due += window.Index <= _finalThrough ? window.KeyCount : window.Changed.Count;
        }
        return due;
    }

    public WindowEngineStats GetStats()
    {
        Flush();
        var openAggregates = 0;
        foreach (var window in _windows) openAggregates += window.KeyCount;
        return new WindowEngineStats
        {
            RecordsTotal = _recordsTotal,
            RecordsTimely = _recordsTimely,
            RecordsCorrected = _recordsCorrected,
            RecordsLate = _recordsLate,
            RecordsRebuilt = _recordsRebuilt,
            Delays = new DelayHistogram(_delays[0], _delays[1], _delays[2], _delays[3], _delays[4]),
            FirstsEmitted = _firsts,
            CorrectionsEmitted = _corrections,
            FinalsEmitted = _finals,
            LateDeltasEmitted = _lateDeltasEmitted,
            EdgesResolved = _edgesResolved,
            EdgesAbandoned = _edges.Abandoned,
            Watermark = Watermark,
            ActiveSources = _watermark.ActiveSources,
            MaxSourceDelay = _watermark.MaxSourceDelay,
            OpenWindows = _windows.Count,
            OpenAggregates = openAggregates,
            Keys = _keys.Count,
            RememberedSpans = _edges.RememberedSpans,
            WaitingChildren = _edges.WaitingChildren,
        };
    }

    private void EmitLateDeltas(WindowResultList results)
    {
        if (_lateDeltas.Count == 0) return;
        foreach (var ((keyId, windowIndex), delta) in _lateDeltas)
            results.Add(Result(keyId, windowIndex, WindowResultKind.LateDelta, 0, delta));
        _lateDeltasEmitted += _lateDeltas.Count;
        _lateDeltas.Clear();
    }

    private void EmitFirst(OpenWindow window, WindowResultList results)
    {
        for (var slot = 0; slot < window.KeyCount; slot++)
        {
            ref var key = ref window.Emission(slot);
            results.Add(Result(key.KeyId, window.Index, WindowResultKind.First, key.Revision, window.Emit(slot)));
        }
        _firsts += window.KeyCount;
    }

    private void EmitCorrections(OpenWindow window, WindowResultList results)
    {
        foreach (var slot in window.Changed)
        {
            ref var key = ref window.Emission(slot);
            key.Changed = false;
            key.Revision++;
            results.Add(Result(key.KeyId, window.Index, WindowResultKind.Correction, key.Revision, window.Emit(slot)));
        }
        _corrections += window.Changed.Count;
        window.Changed.Clear();
    }

    private void EmitFinal(OpenWindow window, WindowResultList results)
    {
        for (var slot = 0; slot < window.KeyCount; slot++)
        {
            ref var key = ref window.Emission(slot);
            if (key.Changed) key.Revision++;
            results.Add(Result(key.KeyId, window.Index, WindowResultKind.Final, key.Revision, window.Emit(slot)));
        }
        _finals += window.KeyCount;
    }

    private WindowResult Result(int keyId, long windowIndex, WindowResultKind kind, int revision, WindowAggregate aggregate)
    {
        var start = windowIndex * _windowTicks;
        return new WindowResult(
            _keys[keyId],
            new DateTime(start, DateTimeKind.Utc),
            new DateTime(start + _windowTicks, DateTimeKind.Utc),
            kind,
            revision,
            aggregate);
    }
}
