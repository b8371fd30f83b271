using Xunit;

namespace Portal.Testing;

/// <summary>A class fixture: a fresh database and the host started against it.</summary>
public class HostFixture : IAsyncLifetime
{
    private PortalAppFactory? _factory;

    public PortalAppFactory Factory => _factory ?? throw new InvalidOperationException("The fixture is not initialised.");

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync(GetType().Name);
        _factory = new PortalAppFactory(connectionString, Settings);
        _ = _factory.Server; // starts the host: migrations run now, not inside the first test
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
    }
}
