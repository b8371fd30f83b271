using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Tests;

public sealed class CallTreeTests
{
    private static List<Transaction> Transactions => Samples.Thousands.Value;

    [Fact]
    public void Every_span_but_the_root_has_its_parent_in_the_same_trace_listed_before_it()
    {
        foreach (var transaction in Transactions)
        {
            var seen = new HashSet<string>();
            Assert.Null(transaction.Spans[0].ParentSpanId);
            foreach (var span in transaction.Spans)
            {
                Assert.Equal(transaction.TraceId, span.TraceId);
                if (span.ParentSpanId is { } parent) Assert.Contains(parent, seen);
                Assert.True(seen.Add(span.SpanId), $"duplicate span id {span.SpanId}");
            }
            Assert.Single(transaction.Spans, s => s.ParentSpanId is null);
        }
    }

    [Fact]
    public void Roots_carry_the_scenario_code_and_children_do_not()
    {
        var codes = BankScenarios.All.Select(s => s.Code).ToHashSet();
        foreach (var transaction in Transactions)
        {
            var root = transaction.Root;
            Assert.Contains(transaction.Scenario, codes);
            Assert.Equal(transaction.Scenario, root.Scenario);
            Assert.Contains(new KeyValuePair<string, object>("business.scenario", transaction.Scenario), root.Attributes);
            Assert.Contains(root.Service, BankTopology.Channels);
            Assert.All(transaction.Spans.Skip(1), s => Assert.Null(s.Scenario));
        }
        Assert.Equal(codes, Transactions.Select(t => t.Scenario).ToHashSet());
    }

    [Fact]
    public void Ids_have_the_wire_lengths_and_instances_belong_to_their_service()
    {
        foreach (var span in Transactions.SelectMany(t => t.Spans))
        {
            Assert.Matches("^[0-9a-f]{32}$", span.TraceId);
            Assert.Matches("^[0-9a-f]{16}$", span.SpanId);
            Assert.Equal(span.Service, BankTopology.ServiceOf(span.Instance));
            Assert.Contains(span.Instance, BankTopology.InstancesOf(span.Service));
            Assert.True(span.DurationMs > 0);
        }
    }

    [Fact]
    public void Children_run_within_their_parent_in_true_time()
    {
        foreach (var transaction in Transactions)
        {
            var byId = transaction.Spans.ToDictionary(s => s.SpanId);
            foreach (var span in transaction.Spans.Where(s => s.ParentSpanId is not null))
            {
                var parent = byId[span.ParentSpanId!];
                Assert.True(span.TrueStart >= parent.TrueStart);
                Assert.True(span.TrueEnd <= parent.TrueEnd + TimeSpan.FromMilliseconds(0.01), $"{span.Endpoint} ends after {parent.Endpoint}");
            }
        }
    }

    [Fact]
    public void A_failure_travels_up_to_the_root_and_its_origin_is_marked()
    {
        var failed = Transactions.Where(t => !t.Success).ToList();
        Assert.InRange(failed.Count, Transactions.Count / 100, Transactions.Count / 4);
        foreach (var transaction in failed)
        {
            var origins = transaction.Spans.Where(s => s.Attributes.Contains(new("error.origin", true))).ToList();
            Assert.NotEmpty(origins);
            var byId = transaction.Spans.ToDictionary(s => s.SpanId);
            // Walking up from the origin that failed the root, every caller failed with the same code.
            var origin = origins.First(o => Ancestors(o, byId).All(a => !a.Success));
            Assert.All(Ancestors(origin, byId), a => Assert.Equal(origin.ResultCode, a.ResultCode));
            Assert.Equal(origin.ResultCode, transaction.Root.ResultCode);
            Assert.Contains(transaction.Logs, l => l.Level == SimLogLevel.Error && l.SpanId == origin.SpanId && l.Message.Contains("   at "));
        }
    }

    [Fact]
    public void Scenarios_have_fan_out_parallel_calls_and_external_systems()
    {
        var transactions = Transactions;
        Assert.Contains(transactions.SelectMany(t => t.Spans), s => s.Service == "unionpay" && s.Kind == SimSpanKind.Client);
        Assert.Contains(transactions.SelectMany(t => t.Spans), s => s.Service == "credit-bureau");
        // Loan applications score risk and read income in parallel: siblings that overlap in time.
        var loan = transactions.First(t => t.Scenario == "loan-application" && t.Success);
        var risk = loan.Spans.First(s => s.Endpoint == "POST /risk/credit-score");
        var income = loan.Spans.First(s => s.Endpoint == "GET /accounts/{id}/income-statement");
        Assert.Equal(risk.ParentSpanId, income.ParentSpanId);
        Assert.Equal(risk.TrueStart, income.TrueStart);
    }

    [Fact]
    public void Logs_are_linked_to_spans_of_their_trace()
    {
        foreach (var transaction in Transactions.Take(500))
        {
            var ids = transaction.Spans.Select(s => s.SpanId).ToHashSet();
            Assert.All(transaction.Logs, l => Assert.Equal(transaction.TraceId, l.TraceId));
            Assert.All(transaction.Logs.Where(l => l.SpanId is not null), l => Assert.Contains(l.SpanId!, ids));
            Assert.True(transaction.Logs.Count >= transaction.Spans.Count);
        }
    }

    private static IEnumerable<SimSpan> Ancestors(SimSpan span, Dictionary<string, SimSpan> byId)
    {
        for (var id = span.ParentSpanId; id is not null; id = byId[id].ParentSpanId) yield return byId[id];
    }
}
