using Portal.Components.Ui;

namespace Portal.Tests.Components;

public class EmptyStateTests
{
    [Fact]
    public async Task Renders_title_text_and_action_link()
    {
        var html = await ComponentRenderer.RenderAsync<EmptyState>(new Dictionary<string, object?>
        {
            [nameof(EmptyState.Title)] = "No telemetry yet",
            [nameof(EmptyState.Text)] = "Send OTLP to /v1/traces.",
            [nameof(EmptyState.IconName)] = "activity",
            [nameof(EmptyState.ActionText)] = "Open docs",
            [nameof(EmptyState.ActionHref)] = "/docs",
        });

        Assert.Contains("<h2 class=\"empty__title\"", html);
        Assert.Contains(">No telemetry yet</h2>", html);
        Assert.Contains(">Send OTLP to /v1/traces.</p>", html);
        Assert.Contains("href=\"lib/icons.svg#activity\"", html);
        Assert.Contains("<a class=\"btn\" href=\"/docs\"", html);
        Assert.Contains("role=\"status\"", html);
    }

    [Fact]
    public async Task Without_action_text_renders_no_link()
    {
        var html = await ComponentRenderer.RenderAsync<EmptyState>(new Dictionary<string, object?>
        {
            [nameof(EmptyState.Title)] = "Nothing to review",
            [nameof(EmptyState.ActionHref)] = "/somewhere",
        });

        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("empty__text", html);
    }
}
