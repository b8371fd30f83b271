using System.Net;
using Portal.Testing;
using Portal.Tests.Ingest;

namespace Portal.Tests.Scenarios;

/// <summary>A host whose inference job only runs when a test asks (the timer is an hour), with an ingest key.</summary>
public sealed class ScenarioHostFixture : IngestHostFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Portal:Scenarios:Interval"] = "01:00:00",
    };

    /// <summary>A client that keeps its own cookies (for antiforgery tokens), signed in as a new user with <paramref name="roles"/>.</summary>
    public async Task<HttpClient> BrowserLikeClientAsync(params string[] roles)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        await TestUsers.SignInWithCookiesAsync(client, await TestUsers.CreateAsync(Factory.ConnectionString, roles));
        return client;
    }
}
