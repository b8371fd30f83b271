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
        var page = await fixture.SignedInPageAsync(Portal.Security.PortalRoles.Admin);
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
            await fixture.WaitForUrlAsync(page, url => new Uri(url).AbsolutePath == path, $"the link to {path}");
            // In-app navigation changes the URL before the new page's render arrives: wait for its heading.
            await page.Locator("h1", new() { HasText = label }).First.WaitForAsync();
        }
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task The_theme_toggle_switches_between_dark_and_light_and_is_remembered()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/");
        var before = await page.Locator("html").GetAttributeAsync("data-theme");
        await page.Locator("[data-theme-toggle]").First.ClickAsync();
        var after = await page.Locator("html").GetAttributeAsync("data-theme");
        Assert.NotEqual(before, after);

        await page.ReloadAsync();
        Assert.Equal(after, await page.Locator("html").GetAttributeAsync("data-theme"));
        await BrowserFixture.ScreenshotAsync(page, $"shell-{after}");
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_comes_back_after()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/services");
        Assert.Contains("/account/login", page.Url);
        await BrowserFixture.ScreenshotAsync(page, "sign-in");

        var user = await Portal.Testing.TestUsers.CreateAsync(fixture.ConnectionString, Portal.Security.PortalRoles.Ops);
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        Assert.Contains("not right", await page.Locator(".banner, [role=alert]").First.InnerTextAsync());

        await page.GetByLabel("Password").FillAsync(Portal.Testing.TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await fixture.WaitForUrlAsync(page, url => new Uri(url).AbsolutePath == "/services", "the services page");
        Assert.Contains(user, await page.Locator(".topbar__user").InnerTextAsync());
    }

    [Fact]
    public async Task An_ops_user_does_not_see_and_cannot_open_admin_pages()
    {
        var page = await fixture.SignedInPageAsync();
        Assert.Equal(0, await page.Locator("nav a[href='/admin']").CountAsync());
        Assert.Equal(0, await page.Locator("nav a[href='/scenarios']").CountAsync());
        await page.GotoAsync("/admin");
        Assert.Contains("/account/denied", page.Url);
        Assert.Contains("Not allowed", await page.Locator("h1").First.InnerTextAsync());

        // Inside the circuit too: an in-app navigation to a page of another role shows no part of it.
        await page.GotoAsync("/");
        await page.Locator(".shell[data-interactive]").WaitForAsync();
        foreach (var path in new[] { "/admin", "/scenarios" })
        {
            await page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
            await fixture.WaitForUrlAsync(page, url => new Uri(url).AbsolutePath == path, $"the in-app navigation to {path}");
            await page.Locator("h1", new() { HasText = "Not allowed" }).WaitForAsync();
            Assert.Equal(0, await page.Locator("table").CountAsync());
        }
    }
}
