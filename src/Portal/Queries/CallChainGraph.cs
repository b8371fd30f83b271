using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Queries;

/// <summary>
/// The call chain for graph.js: one node per (service, endpoint, instance), so a retried or looping call is one node with a
/// call count instead of a wall of copies; the seed's "chain of application nodes". A node is red when any of its calls
/// failed, and on the critical path when any of its spans is. Its id is its representative span (a failed one, else the
/// longest), so a click can select that span.
/// </summary>
public sealed record CallChainGraph(IReadOnlyList<CallChainNode> Nodes, IReadOnlyList<CallChainEdge> Edges)
{
    private const int MaxAttributeText = 400;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(new { nodes = Nodes, edges = Edges }, Json);

    public static CallChainGraph Build(TraceView view)
    {
        var groups = view.Rows
            .GroupBy(r => (r.Span.Service, r.Span.Endpoint, r.Span.Instance))
            .ToList();
        var nodeOfSpan = new Dictionary<Core.Records.SpanId, string>();
        var nodes = new List<CallChainNode>();
        foreach (var group in groups)
        {
            var representative = group.Where(r => r.Span.IsError).MaxBy(r => r.Span.DurationMicros)
                ?? group.MaxBy(r => r.Span.DurationMicros)!;
            var id = representative.SpanId;
            foreach (var row in group) nodeOfSpan[row.Span.SpanId] = id;
            nodes.Add(new CallChainNode(
                id,
                $"{group.Key.Service} · {group.Key.Endpoint}",
                group.Any(r => r.Span.IsError),
                group.Any(r => r.Critical),
                Details(group.ToList(), representative)));
        }

        var critical = view.Rows.Where(r => r.Critical).Select(r => r.Span.SpanId).ToHashSet();
        var edges = view.Rows
            .Where(r => r.Span.ParentSpanId is { } parent && nodeOfSpan.ContainsKey(parent))
            .GroupBy(r => (Source: nodeOfSpan[r.Span.ParentSpanId!.Value], Target: nodeOfSpan[r.Span.SpanId]))
            .Select(g => new CallChainEdge(
                g.Key.Source,
                g.Key.Target,
                g.Count() > 1 ? $"×{g.Count()}" : null,
                g.Any(r => r.Span.IsError),
                g.Any(r => r.Critical && critical.Contains(r.Span.ParentSpanId!.Value))))
            .ToList();
        return new CallChainGraph(nodes, edges);
    }

    /// <summary>What hovering a node shows; all of it is set as text by the graph module.</summary>
    private static Dictionary<string, string> Details(List<WaterfallRow> calls, WaterfallRow representative)
    {
        var span = representative.Span;
        var details = new Dictionary<string, string>
        {
            ["Endpoint"] = span.Endpoint,
            ["Instance"] = span.Instance,
            ["Duration"] = DurationBuckets.FormatMicros(span.DurationMicros),
            ["Status"] = SpanStatus.Text(span),
        };
        if (calls.Count > 1)
        {
            details["Calls"] = string.Create(CultureInfo.InvariantCulture,
                $"{calls.Count} ({calls.Count(c => c.Span.IsError)} failed), total {DurationBuckets.FormatMicros(calls.Sum(c => c.Span.DurationMicros))}");
        }
        if (span.IsError && span.StatusMessage is { } message) details["Error"] = message;
        if (span.AttributesJson is { } attributes)
            details["Attributes"] = attributes.Length > MaxAttributeText ? attributes[..MaxAttributeText] + "…" : attributes;
        return details;
    }
}

public sealed record CallChainNode(string Id, string Label, bool Error, bool Critical, IReadOnlyDictionary<string, string> Details);

public sealed record CallChainEdge(string Source, string Target, string? Label, bool Error, bool Critical);
