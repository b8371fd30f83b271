using Portal.Core.Records;
using Portal.Core.Topology;

namespace Portal.Scenarios;

/// <summary>Picks a few trace ids behind each caller → callee edge of a sample, newest traces first.</summary>
public static class EdgeExampleCollector
{
    public const int PerEdge = 3;

    public static IReadOnlyList<EdgeExamples> Collect(IEnumerable<IReadOnlyList<SpanRecord>> traces, int perEdge = PerEdge)
    {
        var examples = new Dictionary<(TopologyNodeKey, TopologyNodeKey), List<string>>();
        foreach (var trace in traces.OrderByDescending(t => ScenarioIdentity.FindRoot(t)?.StartTime))
        {
            var byId = new Dictionary<SpanId, SpanRecord>();
            foreach (var span in trace) byId.TryAdd(span.SpanId, span);
            foreach (var span in trace)
            {
                if (span.ParentSpanId is not { } parentId || !byId.TryGetValue(parentId, out var parent) || parent == span) continue;
                var key = (new TopologyNodeKey(parent.Service, parent.Endpoint), new TopologyNodeKey(span.Service, span.Endpoint));
                if (!examples.TryGetValue(key, out var ids)) examples[key] = ids = [];
                var traceId = span.TraceId.ToString();
                if (ids.Count < perEdge && !ids.Contains(traceId)) ids.Add(traceId);
            }
        }
        return examples.OrderBy(e => e.Key.Item1).ThenBy(e => e.Key.Item2)
            .Select(e => new EdgeExamples(e.Key.Item1, e.Key.Item2, e.Value)).ToList();
    }
}
