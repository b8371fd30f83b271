using Microsoft.Extensions.Options;
using Portal.Security;

namespace Portal.Scenarios;

/// <summary>
/// JSON for the scenario pages: the live flow figures a dashboard polls (Lead), and the review queue and versions (Admin).
/// </summary>
public static class ScenarioEndpoints
{
    public static IEndpointRouteBuilder MapScenarioEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/scenarios/flow", Flow)
            .RequireAuthorization(PortalRoles.Policies.Lead)
            .WithSummary("Live figures (trailing minute) of every node and edge of a scenario's published topology");
        app.MapGet("/api/topology/pending", async (TopologyStore store, CancellationToken ct) => Results.Ok((await store.PendingAsync(ct)).Select(Summary)))
            .RequireAuthorization(PortalRoles.Policies.Admin)
            .WithSummary("Topology versions waiting for an admin, oldest first");
        app.MapGet("/api/topology/versions/{id}", Version)
            .RequireAuthorization(PortalRoles.Policies.Admin)
            .WithSummary("One stored topology version with its diff, example traces and review trail");
        return app;
    }

    private static async Task<IResult> Flow(string? code, TopologyStore store, ScenarioFigures figures, IOptions<ScenarioOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(code)) return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "code: required.");
        if (await store.PublishedAsync(code, ct) is not { } published) return Results.NotFound();
        var to = clock.GetUtcNow().UtcDateTime;
        var from = to - options.Value.FlowWindow;
        var f = await figures.ForAsync(published.Topology, from, to, ct);
        return Results.Ok(new
        {
            version = published.Id,
            from,
            to,
            nodes = published.Topology.Nodes.Select(n => (n, f.Node(n.Key))).Select(x => new
            {
                id = TopologyGraph.NodeId(x.n.Key),
                figures = FigureText.Short(x.Item2),
                tone = TopologyGraph.ToneClass(x.Item2.Tone),
                rate = x.Item2.RatePerSecond,
                details = FigureText.Details(x.n.Key, x.Item2),
            }),
            edges = published.Topology.MainPath.Select(e => (e, f.Edge(e))).Select(x => new
            {
                id = TopologyGraph.EdgeId(x.e),
                label = FigureText.Rate(x.Item2),
                tone = TopologyGraph.ToneClass(x.Item2.Tone),
                rate = x.Item2.RatePerSecond,
            }),
        });
    }

    private static async Task<IResult> Version(string id, TopologyStore store, CancellationToken ct) =>
        long.TryParse(id, out var number) && await store.VersionAsync(number, ct) is { } version ? Results.Ok(version) : Results.NotFound();

    private static object Summary(TopologyVersion v) => new
    {
        v.Id, v.Scenario, v.Version, status = v.Status.ToString(), origin = v.Origin.ToString(), v.Confidence, v.TraceCount, v.Explanation,
        v.CreatedAt, v.CreatedBy,
    };
}
