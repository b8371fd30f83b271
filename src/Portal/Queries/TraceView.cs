using Portal.Core.Records;

namespace Portal.Queries;

/// <summary>
/// One transaction as the trace page shows it: a summary, the waterfall rows (call order, depth, skew-adjusted positions)
/// and the critical path. Built from the stored spans in memory, so it is unit-testable without a database.
/// </summary>
public sealed class TraceView
{
    /// <summary>Bars narrower than this are widened so that a 1 µs call stays visible and clickable.</summary>
    public const double MinWidthPercent = 0.25;

    private TraceView(TraceId traceId, IReadOnlyList<WaterfallRow> rows, DateTime start, long durationMicros)
    {
        TraceId = traceId;
        Rows = rows;
        Start = start;
        DurationMicros = durationMicros;
        Root = rows.FirstOrDefault(r => r.Span.ParentSpanId is null)?.Span ?? rows.FirstOrDefault()?.Span;
        Services = rows.Select(r => r.Span.Service).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        ErrorCount = rows.Count(r => r.Span.IsError);
        ShiftedCount = rows.Count(r => r.IsShifted);
    }

    public TraceId TraceId { get; }
    public IReadOnlyList<WaterfallRow> Rows { get; }

    /// <summary>The earliest (adjusted) start of any span.</summary>
    public DateTime Start { get; }

    /// <summary>From the earliest start to the latest end, after skew adjustment.</summary>
    public long DurationMicros { get; }

    /// <summary>The span without a parent; the earliest span when the root has not arrived.</summary>
    public SpanRecord? Root { get; }

    public IReadOnlyList<string> Services { get; }
    public int ErrorCount { get; }
    public int ShiftedCount { get; }
    public DateTime End => Start.AddTicks(DurationMicros * 10);

    public WaterfallRow? Find(SpanId spanId) => Rows.FirstOrDefault(r => r.Span.SpanId == spanId);

    public static TraceView Build(TraceId traceId, IReadOnlyList<SpanRecord> spans)
    {
        var tree = SpanTree.Build(spans);
        if (tree.Nodes.Count == 0) return new TraceView(traceId, [], default, 0);

        var start = tree.Nodes.Min(n => n.Start);
        var end = tree.Nodes.Max(n => n.End);
        var totalTicks = Math.Max(10, (end - start).Ticks);
        var critical = CriticalPath.Of(tree);

        var rows = new List<WaterfallRow>(tree.Nodes.Count);
        foreach (var node in tree.InCallOrder())
        {
            var offset = 100.0 * (node.Start - start).Ticks / totalTicks;
            var width = Math.Max(MinWidthPercent, 100.0 * node.Span.DurationMicros * 10 / totalTicks);
            rows.Add(new WaterfallRow(
                node.Span, node.Depth, node.Start, node.Shift,
                Math.Min(offset, 100 - MinWidthPercent), Math.Min(width, 100 - Math.Min(offset, 100 - MinWidthPercent)),
                node.SelfMicros, critical.Contains(node), node.ParentMissing));
        }
        return new TraceView(traceId, rows, start, totalTicks / 10);
    }
}
