using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Portal.Storage.Embedded;

namespace Portal.Bench.Infra;

/// <summary>
/// A throwaway PostgreSQL cluster for one benchmark run (the portal's own embedded server, in a temporary folder), with a
/// fresh database per benchmark so that none sees another's rows. Stopped and deleted when disposed.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly string _root;
    private readonly EmbeddedPostgres _postgres;
    private int _databases;

    private BenchCluster(string root)
    {
        _root = root;
        _postgres = new EmbeddedPostgres(root, NullLogger.Instance);
    }

    public static async Task<BenchCluster> StartAsync()
    {
        var cluster = new BenchCluster(Path.Combine(Path.GetTempPath(), $"portal-bench-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]));
        await cluster._postgres.StartAsync(CancellationToken.None);
        return cluster;
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        var database = $"{name}_{Interlocked.Increment(ref _databases)}";
        await _postgres.EnsureDatabaseAsync(database, CancellationToken.None);
        return _postgres.ConnectionString(database);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _postgres.StopAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Files owned by the postgres user when run as root; harmless too.
        }
    }
}
