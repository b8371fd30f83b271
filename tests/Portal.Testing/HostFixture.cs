using Xunit;

namespace Portal.Testing;

/// <summary>A class fixture: a fresh database and the host started against it.</summary>
public class HostFixture : IAsyncLifetime
{
    private PortalAppFactory? _factory;

    public PortalAppFactory Factory => _factory ?? throw new InvalidOperationException("The fixture is not initialised.");

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>
    /// True to serve on a real Kestrel port instead of the in-memory test server: clients that send synchronously
    /// (the OpenTelemetry exporter) or over HTTP/2 (gRPC) need one.
    /// </summary>
    protected virtual bool RealServer => false;

    /// <summary>Where the host listens: a loopback URL with <see cref="RealServer"/>, else the test server's.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost");

    public async Task InitializeAsync()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync(GetType().Name);
        var settings = new Dictionary<string, string?>(Settings);
        if (RealServer) settings["urls"] = $"http://127.0.0.1:{PortalProcess.FreePort()}";
        _factory = new PortalAppFactory(connectionString, settings);
        if (RealServer)
        {
            _factory.UseKestrel();
            _factory.StartServer();
            BaseAddress = new Uri(settings["urls"]!);
        }
        else
        {
            _ = _factory.Server; // starts the host: migrations run now, not inside the first test
            BaseAddress = _factory.Server.BaseAddress;
        }
        await OnStartedAsync();
    }

    /// <summary>Runs once the host is up (e.g. to sign a user in for the whole class).</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;

    /// <summary>The session cookie of a user with <paramref name="roles"/>, signed in through the sign-in page.</summary>
    public async Task<string> SignInAsync(params string[] roles)
    {
        var user = await TestUsers.CreateAsync(Factory.ConnectionString, roles);
        var handler = RealServer ? new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false } : Factory.Server.CreateHandler();
        using (handler) return await TestUsers.SignInAsync(handler, BaseAddress, user);
    }

    /// <summary>A client of the host that carries a session cookie (in-memory test server).</summary>
    public async Task<HttpClient> SignedInClientAsync(params string[] roles)
    {
        var cookie = await SignInAsync(roles);
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
    }
}
