using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Topology;
using Portal.Scenarios;
using Portal.Security;
using Portal.Testing;

namespace Portal.Tests.Scenarios;

/// <summary>
/// Scenario topologies end to end on a real PostgreSQL: traces in, the inference job publishes or queues a version, admins
/// confirm and edit through the review page's forms, and nobody else can.
/// </summary>
public sealed class ScenarioTopologyTests(ScenarioHostFixture host) : IClassFixture<ScenarioHostFixture>
{
    private TopologyStore Store => host.Factory.Services.GetRequiredService<TopologyStore>();

    private static string NewScenario() => $"ORDER-{Guid.NewGuid():N}"[..14].ToUpperInvariant();

    private async Task<InferenceResult> IngestAndInferAsync(string scenario, int traces)
    {
        using var ingest = host.CreateClient();
        await ScenarioTraces.SendAsync(ingest, scenario, traces, DateTime.UtcNow.AddMinutes(-4), TimeSpan.FromMinutes(3));
        return await InferAsync(scenario);
    }

    private async Task<InferenceResult> InferAsync(string scenario)
    {
        var results = await host.Factory.Services.GetRequiredService<TopologyInferenceJob>().RunOnceAsync(CancellationToken.None);
        Assert.NotNull(results);
        return Assert.Single(results, r => r.Scenario == scenario);
    }

    [Fact]
    public async Task A_stable_scenario_with_enough_traces_is_published_on_its_own_and_then_left_alone()
    {
        var scenario = NewScenario();
        var first = await IngestAndInferAsync(scenario, 60);
        Assert.Equal(TopologyDecisionKind.Publish, first.Decision);

        var published = await Store.PublishedAsync(scenario, CancellationToken.None);
        Assert.NotNull(published);
        Assert.Equal(TopologyPublisher.InferenceActor, published.DecidedBy);
        Assert.Equal(4, published.Topology.Nodes.Count);
        Assert.Equal(3, published.Topology.MainPath.Count());
        Assert.Equal(new TopologyNodeKey("gateway", "POST /orders"), published.Topology.Root);
        Assert.All(published.Topology.Edges, e => Assert.NotEmpty(published.ExamplesOf(e.Caller, e.Callee)));

        Assert.Equal(TopologyDecisionKind.Unchanged, (await InferAsync(scenario)).Decision);
        Assert.Single(await Store.HistoryAsync(scenario, CancellationToken.None));
    }

    [Fact]
    public async Task A_thin_sample_is_queued_once_and_an_admin_confirms_it_through_the_page()
    {
        var scenario = NewScenario();
        Assert.Equal(TopologyDecisionKind.Pending, (await IngestAndInferAsync(scenario, 8)).Decision);
        Assert.Equal(TopologyDecisionKind.Pending, (await InferAsync(scenario)).Decision);
        var pending = Assert.Single(await Store.HistoryAsync(scenario, CancellationToken.None)); // refreshed, not piled up
        Assert.Equal(TopologyStatus.Pending, pending.Status);
        var badge = host.Factory.Services.GetRequiredService<Portal.Components.Layout.INavBadgeSource>();
        Assert.True((await badge.GetCountsAsync(CancellationToken.None))[PendingTopologyBadge.Key] >= 1);

        using var admin = await host.BrowserLikeClientAsync(PortalRoles.Admin);
        var page = await (await admin.GetAsync(ReviewLinks.Queue)).Content.ReadAsStringAsync();
        Assert.Contains($"data-version=\"{pending.Id}\"", page);

        var confirmed = await admin.PostAsync(ReviewLinks.Version(pending.Id), new FormUrlEncodedContent(
            await TestUsers.FormFieldsAsync(admin, ReviewLinks.Version(pending.Id), new() { ["Confirm.Note"] = "checked with the team" }, "confirm-version")));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("is published", await confirmed.Content.ReadAsStringAsync());

        var published = await Store.PublishedAsync(scenario, CancellationToken.None);
        Assert.Equal(pending.Id, published?.Id);
        Assert.Equal("checked with the team", published!.Note);
        Assert.StartsWith("admin-", published.DecidedBy);
    }

    [Theory]
    [InlineData(PortalRoles.Ops)]
    [InlineData(PortalRoles.Lead)]
    public async Task Only_an_admin_can_confirm_even_by_posting_the_form_directly(string role)
    {
        var scenario = NewScenario();
        await IngestAndInferAsync(scenario, 8);
        var pending = Assert.Single(await Store.HistoryAsync(scenario, CancellationToken.None));

        using var user = await host.BrowserLikeClientAsync(role);
        // A valid antiforgery token of this user, from a form the user may open, so only authorization can refuse.
        var fields = await TestUsers.FormFieldsAsync(user, "/account/password", new() { ["_handler"] = "confirm-version", ["Confirm.Note"] = "sneaky" });
        var response = await user.PostAsync(ReviewLinks.Version(pending.Id), new FormUrlEncodedContent(fields));

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                    || response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/denied"),
            $"{role}: {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Equal(TopologyStatus.Pending, (await Store.VersionAsync(pending.Id, CancellationToken.None))!.Status);
        Assert.Null(await Store.PublishedAsync(scenario, CancellationToken.None));

        foreach (var path in new[] { "/api/topology/pending", $"/api/topology/versions/{pending.Id}" })
            Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task An_admin_edit_makes_a_pending_edited_version_that_confirming_publishes()
    {
        var scenario = NewScenario();
        await IngestAndInferAsync(scenario, 60);
        var published = (await Store.PublishedAsync(scenario, CancellationToken.None))!;
        using var admin = await host.BrowserLikeClientAsync(PortalRoles.Admin);

        var page = await (await admin.GetAsync(ReviewLinks.Version(published.Id))).Content.ReadAsStringAsync();
        var billing = published.Topology.Edges.ToList().FindIndex(e => e.Callee.Service == "billing");
        Assert.Matches(RemoveEdgeButton(billing), page);
        var removed = await admin.PostAsync(ReviewLinks.Version(published.Id), new FormUrlEncodedContent(
            await TestUsers.FormFieldsAsync(admin, ReviewLinks.Version(published.Id), new() { ["RemoveEdge.Index"] = billing.ToString() }, "remove-edge")));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        var edited = (await Store.HistoryAsync(scenario, CancellationToken.None)).First();
        Assert.Equal(ReviewLinks.Version(edited.Id), new Uri(host.BaseAddress, removed.Headers.Location!).AbsolutePath);
        Assert.Equal((TopologyStatus.Pending, TopologyOrigin.Edited, published.Id), (edited.Status, edited.Origin, edited.BasedOn));
        Assert.Null(edited.Topology.Edges.FirstOrDefault(e => e.Callee.Service == "billing"));
        var review = await (await admin.GetAsync(ReviewLinks.Version(edited.Id))).Content.ReadAsStringAsync();
        Assert.Contains("data-edge-change=\"removed\"", review);

        await admin.PostAsync(ReviewLinks.Version(edited.Id), new FormUrlEncodedContent(
            await TestUsers.FormFieldsAsync(admin, ReviewLinks.Version(edited.Id), new(), "confirm-version")));
        var history = await Store.HistoryAsync(scenario, CancellationToken.None);
        Assert.Equal([TopologyStatus.Published, TopologyStatus.Superseded], history.Select(v => v.Status));
        Assert.Equal(TopologyOrigin.Edited, history[0].Origin);
    }

    [Fact]
    public async Task A_lead_sees_the_published_graphs_with_figures_and_the_flow_feed()
    {
        var scenario = NewScenario();
        await IngestAndInferAsync(scenario, 60);
        using var lead = await host.BrowserLikeClientAsync(PortalRoles.Lead);

        var list = await (await lead.GetAsync("/scenarios")).Content.ReadAsStringAsync();
        Assert.Contains($"data-scenario=\"{scenario}\"", list);
        var dashboard = await lead.GetAsync(ScenarioLinks.Dashboard(scenario) + "?range=15m");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var html = await dashboard.Content.ReadAsStringAsync();
        Assert.Contains("data-scenario-graph=\"link\"", html);
        Assert.Contains("data-layout=\"preset\"", html);
        Assert.Contains("data-node=\"stock reserve\"", html);

        var flow = await lead.GetAsync($"/api/scenarios/flow?code={scenario}");
        Assert.Equal(HttpStatusCode.OK, flow.StatusCode);
        Assert.Contains("\"billing charge\"", await flow.Content.ReadAsStringAsync());

        using var ops = await host.BrowserLikeClientAsync(PortalRoles.Ops);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.GetAsync($"/api/scenarios/flow?code={scenario}")).StatusCode);
    }

    [Fact]
    public async Task A_scenario_without_a_published_topology_says_it_waits_for_review()
    {
        var scenario = NewScenario();
        await IngestAndInferAsync(scenario, 8);
        using var lead = await host.BrowserLikeClientAsync(PortalRoles.Lead);
        var html = await (await lead.GetAsync(ScenarioLinks.Dashboard(scenario))).Content.ReadAsStringAsync();
        Assert.Contains("pending admin review", html);
        Assert.DoesNotContain("data-review-link", html); // the review link is for admins
    }

    private static Regex RemoveEdgeButton(int index) => new($"name=\"RemoveEdge.Index\" value=\"{index}\"");
}
