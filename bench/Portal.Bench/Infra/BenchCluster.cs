using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Portal.Storage.Embedded;

namespace Portal.Bench.Infra;

/// <summary>
/// The PostgreSQL cluster of one benchmark run (the portal's own embedded server), with a fresh database per benchmark so
/// that none sees another's rows. A throwaway cluster in a temporary folder is stopped and deleted when disposed; a kept
/// cluster (--keep-cluster) is only stopped, so a later run can reuse what it stored.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly string _root;
    private readonly bool _kept;
    private readonly EmbeddedPostgres _postgres;
    private int _databases;

    private BenchCluster(string root, bool kept)
    {
        _root = root;
        _kept = kept;
        _postgres = new EmbeddedPostgres(root, NullLogger.Instance);
    }

    public bool IsKept => _kept;

    /// <summary>Starts a throwaway cluster, or the one kept in <paramref name="keptRoot"/> (created there if absent).</summary>
    public static async Task<BenchCluster> StartAsync(DirectoryInfo? keptRoot = null)
    {
        var cluster = keptRoot is null
            ? new BenchCluster(Path.Combine(Path.GetTempPath(), $"portal-bench-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]), kept: false)
            : new BenchCluster(keptRoot.FullName, kept: true);
        await cluster._postgres.StartAsync(CancellationToken.None);
        return cluster;
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        var database = $"{name}_{Interlocked.Increment(ref _databases)}";
        await _postgres.EnsureDatabaseAsync(database, CancellationToken.None);
        return _postgres.ConnectionString(database);
    }

    /// <summary>A database of this exact name, created if absent (a kept cluster's filled database is found again by name).</summary>
    public async Task<string> NamedDatabaseAsync(string name)
    {
        await _postgres.EnsureDatabaseAsync(name, CancellationToken.None);
        return _postgres.ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _postgres.StopAsync();
        if (_kept) return;
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
