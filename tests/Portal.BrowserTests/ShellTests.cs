using Microsoft.Playwright;

namespace Portal.BrowserTests;

public sealed class ShellTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly (string Label, string Path)[] Areas =
    [
        ("Overview", "/"), ("Services", "/services"), ("Traces", "/traces"), ("Logs", "/logs"), ("Events", "/events"),
        ("Scenarios", "/scenarios"), ("Topology review", "/topology/review"), ("Admin", "/admin"),
    ];

    [Fact]
    public async Task The_shell_loads_with_the_navigation_to_every_area()
    {
        var page = await fixture.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        var response = await page.GotoAsync("/");
        Assert.Equal(200, response!.Status);
        Assert.Contains("Portal", await page.TitleAsync());
        await BrowserFixture.ScreenshotAsync(page, "shell");

        foreach (var (label, path) in Areas)
        {
            var link = page.Locator($"nav a[href='{path.TrimStart('/')}'], nav a[href='{path}']").First;
            Assert.True(await link.IsVisibleAsync(), $"navigation link to {label} ({path})");
            await link.ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
            Assert.Contains(label, await page.Locator("h1").First.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task The_theme_toggle_switches_between_dark_and_light_and_is_remembered()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        var before = await page.Locator("html").GetAttributeAsync("data-theme");
        await page.Locator("[data-theme-toggle]").First.ClickAsync();
        var after = await page.Locator("html").GetAttributeAsync("data-theme");
        Assert.NotEqual(before, after);

        await page.ReloadAsync();
        Assert.Equal(after, await page.Locator("html").GetAttributeAsync("data-theme"));
        await BrowserFixture.ScreenshotAsync(page, $"shell-{after}");
    }
}
