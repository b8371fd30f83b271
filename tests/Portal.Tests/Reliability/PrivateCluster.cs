using Microsoft.Extensions.Logging.Abstractions;
using Portal.Storage.Embedded;

namespace Portal.Tests.Reliability;

/// <summary>A PostgreSQL cluster of the test's own, in a temp folder, that the test may stop and start (the shared TestCluster must stay up).</summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"portal-outage-{Guid.NewGuid():N}"[..30]);

    public EmbeddedPostgres Server { get; }

    private PrivateCluster() => Server = new EmbeddedPostgres(_root, NullLogger.Instance);

    public static async Task<PrivateCluster> StartAsync(string database)
    {
        var cluster = new PrivateCluster();
        await cluster.Server.StartAsync(CancellationToken.None);
        await cluster.Server.EnsureDatabaseAsync(database, CancellationToken.None);
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
