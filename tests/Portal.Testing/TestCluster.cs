using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Portal.Storage.Embedded;

namespace Portal.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, started from the machine's binaries the way the host starts its embedded
/// one; each test class takes a fresh database in it. Stopped and deleted when the test process exits.
/// </summary>
public static class TestCluster
{
    private static readonly Lazy<Task<EmbeddedPostgres>> Cluster = new(StartAsync);
    private static int _databases;

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var cluster = await Cluster.Value;
        var name = $"{Sanitize(prefix)}_{Interlocked.Increment(ref _databases)}";
        await cluster.EnsureDatabaseAsync(name, CancellationToken.None);
        return cluster.ConnectionString(name);
    }

    /// <summary>The cluster itself, for tests that stop and start the server (outage tests).</summary>
    public static Task<EmbeddedPostgres> GetAsync() => Cluster.Value;

    private static async Task<EmbeddedPostgres> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), $"portal-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var cluster = new EmbeddedPostgres(root, NullLogger.Instance);
        await cluster.StartAsync(CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            cluster.StopAsync().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; the next run uses a new one.
            }
        };
        return cluster;
    }

    private static string Sanitize(string prefix)
    {
        var chars = prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray();
        return chars.Length == 0 ? "test" : new string(chars);
    }
}
