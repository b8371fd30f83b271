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

    private static readonly TimeSpan UrlTimeout = TimeSpan.FromSeconds(30);
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
        // Only the session cookie matters here, not the landing page's load: callers go where they need next.
        await WaitForUrlAsync(page, url => !url.Contains("/account/login"), $"the sign-in of {user} to leave the sign-in page", WaitUntilState.Commit);
        return page;
    }

    /// <summary>Waits for <paramref name="page"/> to reach a URL and load it; a timeout says what the browser and the database were doing.</summary>
    public async Task WaitForUrlAsync(IPage page, Func<string, bool> url, string what, WaitUntilState until = WaitUntilState.Load)
    {
        try
        {
            // The page's URL is polled rather than a navigation event awaited: a redirect or an in-app navigation (history
            // API) can be over before a subscription to the next navigation starts.
            var deadline = DateTime.UtcNow + UrlTimeout;
            while (!url(page.Url))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"The URL stayed {page.Url} for {UrlTimeout.TotalSeconds} s.");
                await Task.Delay(100);
            }
            if (until != WaitUntilState.Commit) await page.WaitForLoadStateAsync(until switch
            {
                WaitUntilState.DOMContentLoaded => LoadState.DOMContentLoaded,
                WaitUntilState.NetworkIdle => LoadState.NetworkIdle,
                _ => LoadState.Load,
            });
        }
        catch (TimeoutException e)
        {
            var body = await page.Locator("body").InnerTextAsync(new() { Timeout = 2000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(no body)");
            await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "select string_agg(format('%s %s/%s %s: %s', pid, wait_event_type, wait_event, now() - query_start, left(query, 200)), E'\\n') " +
                "from pg_stat_activity where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()", connection);
            var activity = await command.ExecuteScalarAsync();
            var output = Portal.Output;
            throw new TimeoutException(
                $"Timed out waiting for {what}; the browser is at {page.Url} showing:\n{body}\nDatabase activity:\n{activity}\n" +
                $"Portal output (tail):\n{output[Math.Max(0, output.Length - 4000)..]}", e);
        }
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
