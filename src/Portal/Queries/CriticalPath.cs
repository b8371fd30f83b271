namespace Portal.Queries;

/// <summary>
/// The chain of calls that made the transaction slow: from the root, the root-to-leaf path with the largest sum of self
/// times (time a span spent itself, not waiting on a child). Ties go to the child that ended last, the one the caller
/// waited for.
/// </summary>
internal static class CriticalPath
{
    public static HashSet<SpanNode> Of(SpanTree tree)
    {
        var path = new HashSet<SpanNode>();
        if (tree.Roots.Count == 0) return path;

        // Bottom-up sums: children are visited after their parent in call order, so reverse it.
        var best = new Dictionary<SpanNode, long>();
        var order = tree.InCallOrder().ToList();
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            best[node] = node.SelfMicros + (node.Children.Count == 0 ? 0 : node.Children.Max(c => best[c]));
        }

        for (var node = tree.Roots[0]; node is not null; node = Heaviest(node, best)) path.Add(node);
        return path;
    }

    private static SpanNode? Heaviest(SpanNode node, Dictionary<SpanNode, long> best) =>
        node.Children.Count == 0
            ? null
            : node.Children.OrderByDescending(c => best[c]).ThenByDescending(c => c.End).First();
}
