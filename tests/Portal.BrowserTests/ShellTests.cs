using Microsoft.Playwright;

namespace Portal.BrowserTests;

public sealed class ShellTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_shell_loads_with_the_navigation_to_every_area()
    {
        var page = await fixture.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);

        var response = await page.GotoAsync("/");
        Assert.Equal(200, response!.Status);
        Assert.Equal("Portal", await page.TitleAsync());

        await BrowserFixture.ScreenshotAsync(page, "shell");
        Assert.Empty(errors);
    }
}
