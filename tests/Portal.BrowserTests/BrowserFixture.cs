using System.Security.Cryptography;
using System.Text;
using Microsoft.Playwright;
using Portal.Testing;
using Security = Portal.Security;

namespace Portal.BrowserTests;

/// <summary>
/// A running portal (a real process on a free port, against a fresh database of the test cluster) and Debian's Chromium
/// driven by Playwright. Playwright never downloads a browser here: it launches /usr/bin/chromium.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The portal's ingest key, so tests can send data to <see cref="PortalProcess.Address"/>.</summary>
    public const string IngestKey = "browser-tests-ingest-key";
    private IPlaywright? _playwright;
    private PortalProcess? _portal;

    public IBrowser Browser { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public PortalProcess Portal => _portal ?? throw new InvalidOperationException("Not started.");

    public static string ArtifactsDirectory { get; } = CreateArtifactsDirectory();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: the test command installs it (apt-get install chromium).");
        }
        ConnectionString = await TestCluster.CreateDatabaseAsync("browser");
        _portal = PortalProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Portal"] = ConnectionString,
            ["Portal__Ingest__ApiKeys__0__Name"] = "browser-tests",
            ["Portal__Ingest__ApiKeys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(IngestKey))),
        });
        await _portal.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    /// <summary>A page of a user with <paramref name="roles"/> (Ops by default), signed in through the sign-in page.</summary>
    public async Task<IPage> SignedInPageAsync(params string[] roles)
    {
        var user = await TestUsers.CreateAsync(ConnectionString, roles.Length == 0 ? [Security.PortalRoles.Ops] : roles);
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        return page;
    }

    /// <summary>A page without a session.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>An HTTP client for the portal that sends the ingest key.</summary>
    public HttpClient CreateIngestClient()
    {
        var client = new HttpClient { BaseAddress = Portal.Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", IngestKey);
        return client;
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, $"{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_portal is not null) await _portal.DisposeAsync();
    }

    private static string CreateArtifactsDirectory()
    {
        var dir = Environment.GetEnvironmentVariable("PORTAL_TEST_ARTIFACTS")
                  ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
