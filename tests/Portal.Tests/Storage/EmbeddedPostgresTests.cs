using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Portal.Hosting;
using Portal.Storage.Embedded;

namespace Portal.Tests.Storage;

/// <summary>The embedded cluster the host starts when no connection string is configured.</summary>
public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"portal-embedded-{Guid.NewGuid():N}"[..30]);

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Initialises_once_and_keeps_data_across_restarts()
    {
        await using (var first = new EmbeddedPostgres(_root, NullLogger.Instance))
        {
            await first.StartAsync(default);
            await first.EnsureDatabaseAsync("portal", default);
            await ExecuteAsync(first, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42);");
        }

        await using var second = new EmbeddedPostgres(_root, NullLogger.Instance);
        await second.StartAsync(default);
        Assert.Equal(42, await ScalarAsync(second, "SELECT v FROM kept"));
    }

    [Fact]
    public async Task Recovers_from_a_stale_pid_file_whose_process_is_not_postgres()
    {
        await using (var first = new EmbeddedPostgres(_root, NullLogger.Instance))
        {
            await first.StartAsync(default);
        }
        // A crash leaves the file; by the next start its PID may belong to any process, here the test itself.
        await File.WriteAllTextAsync(Path.Combine(_root, "pgdata", "postmaster.pid"), $"{Environment.ProcessId}\n{_root}/pgdata\n");

        await using var second = new EmbeddedPostgres(_root, NullLogger.Instance);
        await second.StartAsync(default);
        await second.EnsureDatabaseAsync("portal", default);
        Assert.Equal(1, await ScalarAsync(second, "SELECT 1"));
    }

    [Fact]
    public async Task Recovers_after_the_server_was_killed()
    {
        await using (var first = new EmbeddedPostgres(_root, NullLogger.Instance))
        {
            await first.StartAsync(default);
            await first.EnsureDatabaseAsync("portal", default);
            await ExecuteAsync(first, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (7);");
            var pid = int.Parse(File.ReadLines(Path.Combine(_root, "pgdata", "postmaster.pid")).First());
            Process.GetProcessById(pid).Kill(entireProcessTree: false);
            await WaitForExitAsync(pid);
        }

        await using var second = new EmbeddedPostgres(_root, NullLogger.Instance);
        await second.StartAsync(default);
        Assert.Equal(7, await ScalarAsync(second, "SELECT v FROM kept"));
    }

    [Fact]
    public async Task A_second_owner_of_the_same_folder_is_refused_with_a_clear_message()
    {
        await using var first = new EmbeddedPostgres(_root, NullLogger.Instance);
        await first.StartAsync(default);

        await using var second = new EmbeddedPostgres(_root, NullLogger.Instance);
        var error = await Assert.ThrowsAsync<StartupException>(() => second.StartAsync(default));
        Assert.Contains("Another portal process", error.Message);
    }

    private static async Task WaitForExitAsync(int pid)
    {
        for (var i = 0; i < 100 && File.Exists($"/proc/{pid}/comm") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z"); i++)
        {
            await Task.Delay(50);
        }
    }

    private static async Task ExecuteAsync(EmbeddedPostgres pg, string sql)
    {
        await using var conn = new NpgsqlConnection(pg.ConnectionString("portal"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<int> ScalarAsync(EmbeddedPostgres pg, string sql)
    {
        await using var conn = new NpgsqlConnection(pg.ConnectionString("portal"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync());
    }
}
