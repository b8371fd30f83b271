using Portal.Components.Interop;

namespace Portal.Tests.Components;

/// <summary>
/// Charts and graphs render their element with the data js/charts.js and js/graph.js read, encoded like any attribute;
/// rendering alone never calls JavaScript (the modules are attached after an interactive render).
/// </summary>
public class InteropMarkupTests
{
    private const string Payload = "\"><script>alert(1)</script>";

    [Fact]
    public async Task A_chart_renders_its_kind_class_and_data_attributes_encoded()
    {
        var html = await ComponentRenderer.RenderAsync<Chart>(new Dictionary<string, object?>
        {
            [nameof(Chart.Kind)] = "timeseries",
            [nameof(Chart.Class)] = "curve",
            ["data-unit"] = "ms",
            ["data-series"] = $$"""[{"name":"{{Payload}}","points":[]}]""",
        });

        Assert.StartsWith("<div class=\"curve\" data-chart=\"timeseries\"", html);
        Assert.Contains("data-unit=\"ms\"", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task A_graph_carries_its_flow_url_only_when_it_polls_one()
    {
        var still = await ComponentRenderer.RenderAsync<Graph>(new Dictionary<string, object?>
        {
            [nameof(Graph.Data)] = $$"""{"nodes":[{"id":"a","label":"{{Payload}}"}],"edges":[]}""",
            [nameof(Graph.Class)] = "graph",
            ["data-node-url"] = "/traces/x?span={id}",
        });
        Assert.DoesNotContain("data-flow-url", still);
        Assert.Contains("data-node-url=\"/traces/x?span={id}\"", still);
        Assert.DoesNotContain("<script>", still);

        var flowing = await ComponentRenderer.RenderAsync<Graph>(new Dictionary<string, object?>
        {
            [nameof(Graph.Data)] = """{"nodes":[],"edges":[]}""",
            [nameof(Graph.FlowUrl)] = "/api/scenarios/flow?code=PAY",
        });
        Assert.Contains("data-flow-url=\"/api/scenarios/flow?code=PAY\"", flowing);
    }
}
