using Portal.Core.Records;
using Portal.Core.Topology;

namespace Portal.Core.Tests.Topology;

public class ScenarioIdentityTests
{
    private static readonly DateTime T0 = TraceGenerator.T0;

    private static SpanRecord Span(ulong id, ulong? parent, double seconds, string service = "svc", string endpoint = "op", string? scenario = null) => new()
    {
        TraceId = new TraceId(1, 1),
        SpanId = new SpanId(id),
        ParentSpanId = parent is { } p ? new SpanId(p) : null,
        Service = service,
        Endpoint = endpoint,
        Instance = service + "-1",
        StartTime = T0.AddSeconds(seconds),
        DurationMicros = 1000,
        Scenario = scenario,
    };

    [Fact]
    public void TheRootIsTheSpanWithoutParentAndItsScenarioCodeWins()
    {
        var trace = new[] { Span(2, 1, 0.1, "payments"), Span(1, null, 0, "gateway", "POST /transfer", scenario: "transfer") };
        Assert.Same(trace[1], ScenarioIdentity.FindRoot(trace));
        Assert.Equal("transfer", ScenarioIdentity.Of(trace));
    }

    [Fact]
    public void WithoutACodeTheScenarioIsServiceAndEndpointOfTheRoot()
    {
        var trace = new[] { Span(1, null, 0, "gateway", "POST /accounts"), Span(2, 1, 0.1) };
        Assert.Equal("gateway POST /accounts", ScenarioIdentity.Of(trace));
    }

    [Fact]
    public void ASpanWhoseParentIsMissingIsARootAndTheEarliestRootWins()
    {
        // The real root (id 1) never arrived: spans 2 and 3 both point at it; 4 is 3's child.
        var trace = new[] { Span(3, 1, 0.5, "late"), Span(2, 1, 0.2, "early"), Span(4, 3, 0.6, "child") };
        Assert.Same(trace[1], ScenarioIdentity.FindRoot(trace));
        Assert.Equal("early op", ScenarioIdentity.Of(trace));
    }

    [Fact]
    public void ARootlessCycleFallsBackToTheEarliestSpanAndAnEmptyTraceHasNoScenario()
    {
        var cycle = new[] { Span(1, 2, 0.3), Span(2, 1, 0.1, "first") };
        Assert.Same(cycle[1], ScenarioIdentity.FindRoot(cycle));
        Assert.Null(ScenarioIdentity.FindRoot([]));
        Assert.Null(ScenarioIdentity.Of(Array.Empty<SpanRecord>()));
    }

    [Fact]
    public void TracesGroupByScenario()
    {
        var traces = new List<IReadOnlyList<SpanRecord>>
        {
            new[] { Span(1, null, 0, scenario: "transfer") },
            new[] { Span(5, null, 0, "gateway", "GET /balance") },
            new[] { Span(9, null, 1, scenario: "transfer") },
            Array.Empty<SpanRecord>(),
        };
        var groups = ScenarioIdentity.GroupByScenario(traces);
        Assert.Equal(2, groups["transfer"].Count);
        Assert.Single(groups["gateway GET /balance"]);
        Assert.Equal(2, groups.Count);
    }
}
