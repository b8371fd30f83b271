using Portal.Core.Records;

namespace Portal.Core.Topology;

/// <summary>Which business scenario a trace belongs to, and which of its spans is the root.</summary>
public static class ScenarioIdentity
{
    /// <summary>
    /// The trace's root: a span without a parent, or whose parent is not in the trace (the caller's record has not
    /// arrived or was not sampled). With several candidates, the earliest start wins (then the smaller span id).
    /// Null for an empty trace.
    /// </summary>
    public static SpanRecord? FindRoot(IReadOnlyList<SpanRecord> trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (trace.Count == 0) return null;
        HashSet<SpanId>? ids = null;
        SpanRecord? best = null;
        foreach (var span in trace)
        {
            if (span.ParentSpanId is { } parent)
            {
                ids ??= Ids(trace);
                if (ids.Contains(parent) && parent != span.SpanId) continue;
            }
            if (best is null || span.StartTime < best.StartTime || (span.StartTime == best.StartTime && span.SpanId.Value < best.SpanId.Value))
                best = span;
        }
        // Every span names a parent inside the trace: a cycle of malformed records. Fall back to the earliest span.
        return best ?? trace.MinBy(s => (s.StartTime, s.SpanId.Value));
    }

    /// <summary>The scenario of a trace whose root is <paramref name="root"/>: its scenario code, else "{service} {endpoint}".</summary>
    public static string Of(SpanRecord root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return !string.IsNullOrEmpty(root.Scenario) ? root.Scenario : $"{root.Service} {root.Endpoint}";
    }

    /// <summary>The scenario of a trace, or null for an empty trace.</summary>
    public static string? Of(IReadOnlyList<SpanRecord> trace) => FindRoot(trace) is { } root ? Of(root) : null;

    /// <summary>Groups traces by scenario (ordinal); empty traces are skipped; traces keep their order within a group.</summary>
    public static IReadOnlyDictionary<string, List<IReadOnlyList<SpanRecord>>> GroupByScenario(IEnumerable<IReadOnlyList<SpanRecord>> traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        var groups = new Dictionary<string, List<IReadOnlyList<SpanRecord>>>(StringComparer.Ordinal);
        foreach (var trace in traces)
        {
            if (Of(trace) is not { } scenario) continue;
            if (!groups.TryGetValue(scenario, out var list)) groups[scenario] = list = [];
            list.Add(trace);
        }
        return groups;
    }

    private static HashSet<SpanId> Ids(IReadOnlyList<SpanRecord> trace)
    {
        var ids = new HashSet<SpanId>(trace.Count);
        foreach (var span in trace) ids.Add(span.SpanId);
        return ids;
    }
}
