using Portal.Components.Ui;

namespace Portal.Tests.Components;

/// <summary>Telemetry is attacker-controlled text: it must reach the page as text, in content and in attributes.</summary>
public class EscapingTests
{
    private const string Payload = "<script>alert(1)</script>\" onmouseover=\"alert(2)";

    [Fact]
    public async Task Attribute_values_are_encoded()
    {
        var html = await ComponentRenderer.RenderAsync<Badge>(new Dictionary<string, object?>
        {
            [nameof(Badge.Text)] = "svc",
            [nameof(Badge.Tooltip)] = Payload,
        });

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("\" onmouseover=", html);
        Assert.Contains("title=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2)\"", html);
    }

    [Fact]
    public async Task Text_content_is_encoded()
    {
        var html = await ComponentRenderer.RenderAsync<ErrorBanner>(new Dictionary<string, object?>
        {
            [nameof(ErrorBanner.Title)] = Payload,
            [nameof(ErrorBanner.Message)] = Payload,
        });

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }
}
