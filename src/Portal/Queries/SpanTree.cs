using Portal.Core.Records;

namespace Portal.Queries;

/// <summary>The spans of a trace linked caller → callee, with skew-adjusted times and self times.</summary>
internal sealed class SpanTree
{
    private SpanTree(List<SpanNode> nodes, List<SpanNode> roots)
    {
        Nodes = nodes;
        Roots = roots;
    }

    public IReadOnlyList<SpanNode> Nodes { get; }

    /// <summary>The true root first (no parent), then spans whose parent is not stored, by start.</summary>
    public IReadOnlyList<SpanNode> Roots { get; }

    public static SpanTree Build(IReadOnlyList<SpanRecord> spans)
    {
        var nodes = new List<SpanNode>(spans.Count);
        var byId = new Dictionary<SpanId, SpanNode>();
        foreach (var span in spans.OrderBy(s => s.StartTime))
        {
            // A span id stored twice (two start times) is drawn once: the earliest.
            if (byId.ContainsKey(span.SpanId)) continue;
            var node = new SpanNode(span);
            byId[span.SpanId] = node;
            nodes.Add(node);
        }

        var roots = new List<SpanNode>();
        foreach (var node in nodes)
        {
            if (node.Span.ParentSpanId is { } parentId && byId.TryGetValue(parentId, out var parent) && parent != node)
            {
                node.Parent = parent;
                parent.Children.Add(node);
            }
            else
            {
                node.ParentMissing = node.Span.ParentSpanId is not null;
                roots.Add(node);
            }
        }
        roots.Sort((a, b) => a.ParentMissing != b.ParentMissing ? a.ParentMissing.CompareTo(b.ParentMissing) : a.Span.StartTime.CompareTo(b.Span.StartTime));

        foreach (var root in roots) Adjust(root, 0);
        return new SpanTree(nodes, roots);
    }

    /// <summary>Depth-first, children by adjusted start: the waterfall's row order.</summary>
    public IEnumerable<SpanNode> InCallOrder()
    {
        var stack = new Stack<SpanNode>(Roots.Reverse());
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            for (var i = node.Children.Count - 1; i >= 0; i--) stack.Push(node.Children[i]);
        }
    }

    /// <summary>Top-down, iteratively (a deep trace must not overflow the stack): positions, depths, then self times.</summary>
    private static void Adjust(SpanNode root, int depth)
    {
        root.Depth = depth;
        root.Start = root.Span.StartTime;
        var order = new List<SpanNode>();
        var stack = new Stack<SpanNode>([root]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            order.Add(node);
            foreach (var child in node.Children)
            {
                child.Depth = node.Depth + 1;
                child.Start = ClockSkew.AdjustedStart(child.Span, node.Span, node.Start, node.Shift);
                stack.Push(child);
            }
            node.Children.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Span.SpanId.Value.CompareTo(b.Span.SpanId.Value));
        }
        foreach (var node in order) node.SelfMicros = SelfMicros(node);
    }

    /// <summary>The part of a span's time not covered by any of its children.</summary>
    private static long SelfMicros(SpanNode node)
    {
        var covered = 0L;
        var cursor = node.Start;
        foreach (var child in node.Children)
        {
            var from = child.Start > cursor ? child.Start : cursor;
            var to = child.End < node.End ? child.End : node.End;
            if (to > from)
            {
                covered += (to - from).Ticks / 10;
                cursor = to;
            }
        }
        return Math.Max(0, node.Span.DurationMicros - covered);
    }
}

/// <summary>A span in the tree; <see cref="Start"/> is its skew-adjusted start.</summary>
internal sealed class SpanNode(SpanRecord span)
{
    public SpanRecord Span { get; } = span;
    public SpanNode? Parent { get; set; }
    public List<SpanNode> Children { get; } = [];
    public int Depth { get; set; }
    public DateTime Start { get; set; }
    public bool ParentMissing { get; set; }
    public long SelfMicros { get; set; }
    public TimeSpan Shift => Start - Span.StartTime;
    public DateTime End => Start.AddTicks(Span.DurationMicros * 10);
}
