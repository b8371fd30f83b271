using Portal.Core.Records;
using Portal.Queries;
using static Portal.Tests.Queries.Spans;

namespace Portal.Tests.Queries;

public class TraceViewTests
{
    [Fact]
    public void Rows_are_in_call_order_with_depth_and_percent_positions()
    {
        var view = TraceView.Build(Trace,
        [
            Span(3, 1, 60, 40, "ledger", "l-1"),
            Span(1, null, 0, 100, "gateway", "g-1"),
            Span(2, 1, 10, 40, "accounts", "a-1"),
            Span(4, 2, 20, 10, "db", "a-1"),
        ]);

        Assert.Equal([1UL, 2, 4, 3], view.Rows.Select(r => r.Span.SpanId.Value));
        Assert.Equal([0, 1, 2, 1], view.Rows.Select(r => r.Depth));
        var accounts = view.Rows[1];
        Assert.Equal(10, accounts.OffsetPercent, 6);
        Assert.Equal(40, accounts.WidthPercent, 6);
        Assert.Equal(100_000, view.DurationMicros);
        Assert.Equal(0, view.ShiftedCount);
        Assert.Equal("gateway", view.Root!.Service);
    }

    [Fact]
    public void A_child_starting_before_its_parent_is_shifted_into_it_and_the_shift_is_reported()
    {
        var view = TraceView.Build(Trace,
        [
            Span(1, null, 0, 100, "gateway", "g-1"),
            Span(2, 1, -30, 20, "ledger", "l-1"),
        ]);

        var ledger = view.Find(new SpanId(2))!;
        Assert.Equal(T0, ledger.Start);
        Assert.Equal(TimeSpan.FromMilliseconds(30), ledger.Shift);
        Assert.True(ledger.IsShifted);
        Assert.Equal(0, ledger.OffsetPercent, 6);
        Assert.Equal(1, view.ShiftedCount);
    }

    [Fact]
    public void A_child_ending_after_its_parent_is_moved_back_and_its_same_instance_children_move_with_it()
    {
        var view = TraceView.Build(Trace,
        [
            Span(1, null, 0, 100, "gateway", "g-1"),
            Span(2, 1, 90, 40, "ledger", "l-1"),
            Span(3, 2, 95, 10, "ledger", "l-1"),
        ]);

        var ledger = view.Find(new SpanId(2))!;
        Assert.Equal(T0.AddMilliseconds(60), ledger.Start);
        Assert.Equal(TimeSpan.FromMilliseconds(-30), ledger.Shift);
        var inner = view.Find(new SpanId(3))!;
        Assert.Equal(T0.AddMilliseconds(65), inner.Start);
    }

    [Fact]
    public void A_consumer_may_end_after_its_producer()
    {
        var view = TraceView.Build(Trace,
        [
            Span(1, null, 0, 10, "orders", kind: SpanKind.Producer),
            Span(2, 1, 5, 50, "billing", "b-1", kind: SpanKind.Consumer),
        ]);

        Assert.False(view.Find(new SpanId(2))!.IsShifted);
        Assert.Equal(55_000, view.DurationMicros);
    }

    [Fact]
    public void The_critical_path_follows_the_largest_sum_of_self_times()
    {
        // gateway 0-100 calls accounts 10-40 (which calls db 15-35) and ledger 50-95: ledger has more self time.
        var view = TraceView.Build(Trace,
        [
            Span(1, null, 0, 100, "gateway"),
            Span(2, 1, 10, 30, "accounts"),
            Span(3, 2, 15, 20, "db"),
            Span(4, 1, 50, 45, "ledger"),
        ]);

        Assert.Equal(new ulong[] { 1, 4 }, view.Rows.Where(r => r.Critical).Select(r => r.Span.SpanId.Value).Order());
        Assert.Equal(25_000, view.Find(new SpanId(1))!.SelfMicros);
        Assert.Equal(10_000, view.Find(new SpanId(2))!.SelfMicros);
    }

    [Fact]
    public void Spans_whose_parent_is_missing_are_extra_roots()
    {
        var view = TraceView.Build(Trace, [Span(1, null, 0, 50), Span(2, 99, 10, 5)]);

        Assert.True(view.Find(new SpanId(2))!.ParentMissing);
        Assert.Equal(0, view.Find(new SpanId(2))!.Depth);
    }

    [Fact]
    public void The_call_chain_merges_calls_per_service_endpoint_and_instance_and_marks_failures()
    {
        var view = TraceView.Build(Trace,
        [
            Span(1, null, 0, 100, "gateway", "g-1"),
            Span(2, 1, 10, 20, "ledger", "l-1"),
            Span(3, 1, 40, 20, "ledger", "l-1", error: true),
        ]);

        var graph = CallChainGraph.Build(view);

        Assert.Equal(2, graph.Nodes.Count);
        var ledger = graph.Nodes.Single(n => n.Label.StartsWith("ledger"));
        Assert.True(ledger.Error);
        Assert.Equal(new SpanId(3).ToString(), ledger.Id);
        Assert.Equal("insufficient funds", ledger.Details["Error"]);
        Assert.Equal("error", ledger.Details["Status"]);
        var edge = Assert.Single(graph.Edges);
        Assert.Equal("×2", edge.Label);
        Assert.True(edge.Error);
        Assert.Contains("\"error\":true", graph.ToJson());
    }
}
