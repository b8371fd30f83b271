using System.Security.Cryptography;
using System.Text;
using Portal.Security;
using Portal.Testing;

namespace Portal.Tests.Ingest;

/// <summary>A host with one full ingest key and one key limited to events.</summary>
public class IngestHostFixture : HostFixture
{
    public const string Key = "test-ingest-key";
    public const string EventsOnlyKey = "test-events-key";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:Ingest:ApiKeys:0:Name"] = "tests",
        ["Portal:Ingest:ApiKeys:0:Sha256"] = Sha256(Key),
        ["Portal:Ingest:ApiKeys:1:Name"] = "events-only",
        ["Portal:Ingest:ApiKeys:1:Sha256"] = Sha256(EventsOnlyKey),
        ["Portal:Ingest:ApiKeys:1:Scopes:0"] = "events",
        ["Portal:Ingest:GrpcPort"] = GrpcPort.ToString(),
    };

    public int GrpcPort { get; } = Portal.Testing.PortalProcess.FreePort();

    protected override bool RealServer => true;

    /// <summary>The session of an Ops user, for the query API the tests read back through.</summary>
    public string OpsCookie { get; private set; } = "";

    protected override async Task OnStartedAsync() => OpsCookie = await SignInAsync(PortalRoles.Ops);

    /// <summary>A client with an ingest key (or none) and an Ops session.</summary>
    public HttpClient CreateClient(string? key = Key)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", OpsCookie);
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
