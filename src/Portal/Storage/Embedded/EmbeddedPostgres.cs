using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.Hosting;

namespace Portal.Storage.Embedded;

/// <summary>
/// A private PostgreSQL cluster in a folder of the portal's own: initialised on first start, reused after, reachable only
/// through a unix socket in that folder (no TCP port to collide with), stopped when disposed.
/// The host uses it when no connection string is configured; the tests use it for their throwaway cluster.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const int SocketPort = 5432;
    private readonly string _root;
    private readonly ILogger _logger;
    private string? _binaries;
    private bool _started;
    private FileStream? _ownerLock;

    public EmbeddedPostgres(string rootDirectory, ILogger logger)
    {
        _root = Path.GetFullPath(rootDirectory);
        _logger = logger;
    }

    public string DataDirectory => Path.Combine(_root, "pgdata");
    public string SocketDirectory => Path.Combine(_root, "run");
    private string LogFile => Path.Combine(_root, "postgres.log");
    private bool AsPostgresUser => ProcessRunner.IsRoot;

    /// <summary>The connection string of a database in this cluster; it does not need the cluster to be running yet.</summary>
    public string ConnectionString(string database) => ConnectionStringFor(_root, database);

    public static string ConnectionStringFor(string rootDirectory, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Path.Combine(Path.GetFullPath(rootDirectory), "run"),
        Port = SocketPort,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    public async Task StartAsync(CancellationToken ct)
    {
        _binaries = PostgresBinaries.Locate();
        Directory.CreateDirectory(_root);
        TakeOwnership();
        Directory.CreateDirectory(SocketDirectory);
        RestrictToOwner(SocketDirectory);
        if (!File.Exists(LogFile)) await File.WriteAllTextAsync(LogFile, "", ct);
        if (AsPostgresUser) await ChownToPostgresAsync(ct);

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))) await InitDbAsync(ct);

        if (await IsRunningAndReachableAsync(ct))
        {
            _logger.LogInformation("Embedded PostgreSQL in {Directory} was already running; reusing it.", _root);
        }
        else if (LivePostmasterPid() is { } pid)
        {
            _logger.LogInformation("Embedded PostgreSQL (PID {Pid}) is running but not answering yet; waiting for it.", pid);
            await WaitUntilReachableAsync(pid, ct);
        }
        else
        {
            RemoveStalePidFile();
            await StartServerAsync(ct);
        }
        _started = true;
    }

    public async Task EnsureDatabaseAsync(string database, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", conn);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        // Identifiers cannot be parameters; the name is quoted as an identifier.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", conn);
        await create.ExecuteNonQueryAsync(ct);
    }

    public async Task StopAsync()
    {
        if (!_started || _binaries is null) return;
        _started = false;
        using var ownerLock = _ownerLock;
        NpgsqlConnection.ClearAllPools();
        var (code, output) = await ProcessRunner.RunAsync(Path.Combine(_binaries, "pg_ctl"),
            ["-D", DataDirectory, "-m", "fast", "-w", "stop"], AsPostgresUser, CancellationToken.None);
        if (code == 0) _logger.LogInformation("Embedded PostgreSQL stopped.");
        else _logger.LogWarning("Stopping the embedded PostgreSQL failed: {Output}", output);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    // One portal process owns a cluster: it alone may stop it. The lock dies with the process, so a crash frees it.
    private void TakeOwnership()
    {
        try
        {
            _ownerLock = new FileStream(Path.Combine(_root, "portal.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new StartupException(
                $"Another portal process is using the embedded database in {_root}. Stop it, or give this one its own " +
                "folder with Portal:Database:DataDirectory (environment variable Portal__Database__DataDirectory).");
        }
    }

    private async Task InitDbAsync(CancellationToken ct)
    {
        _logger.LogInformation("Initialising an embedded PostgreSQL cluster in {Directory}.", DataDirectory);
        Directory.CreateDirectory(DataDirectory);
        RestrictToOwner(DataDirectory);
        if (AsPostgresUser) await ChownToPostgresAsync(ct);
        var (code, output) = await ProcessRunner.RunAsync(Path.Combine(_binaries!, "initdb"),
            ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], AsPostgresUser, ct);
        if (code != 0) throw new StartupException($"initdb failed for {DataDirectory}: {output}");
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        // No TCP listener: the socket lives in a folder only the cluster's owner can enter.
        var options = $"-c listen_addresses='' -k '{SocketDirectory}' -p {SocketPort} " +
                      "-c shared_buffers=256MB -c max_wal_size=2GB -c max_connections=200";
        var (code, output) = await ProcessRunner.RunAsync(Path.Combine(_binaries!, "pg_ctl"),
            ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"], AsPostgresUser, ct);
        if (code != 0)
        {
            throw new StartupException(
                $"The embedded PostgreSQL in {DataDirectory} did not start: {output}\nIts log: {LogFile}\n{TailOfLog()}");
        }
        _logger.LogInformation("Embedded PostgreSQL started; socket folder {Socket}.", SocketDirectory);
    }

    private async Task<bool> IsRunningAndReachableAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))) return false;
        try
        {
            await using var conn = new NpgsqlConnection(ConnectionString("postgres") + ";Timeout=3;Pooling=false");
            await conn.OpenAsync(ct);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private async Task WaitUntilReachableAsync(int pid, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            if (await IsRunningAndReachableAsync(ct)) return;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        throw new StartupException($"A PostgreSQL process (PID {pid}) holds {DataDirectory} but does not accept connections. Its log: {LogFile}");
    }

    /// <summary>The PID in postmaster.pid when that process is still a live postgres; null when the file is stale.</summary>
    private int? LivePostmasterPid()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        if (!int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)) return null;
        var comm = $"/proc/{pid}/comm";
        return File.Exists(comm) && File.ReadAllText(comm).Trim() == "postgres" ? pid : null;
    }

    // A crash leaves postmaster.pid behind; its PID may since belong to another process, which would block the start.
    private void RemoveStalePidFile()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return;
        _logger.LogWarning("Removing a stale {PidFile} left by an earlier run.", pidFile);
        File.Delete(pidFile);
        foreach (var socket in Directory.GetFiles(SocketDirectory, ".s.PGSQL.*")) File.Delete(socket);
    }

    private async Task ChownToPostgresAsync(CancellationToken ct)
    {
        var (code, output) = await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", _root], asPostgresUser: false, ct);
        if (code != 0) throw new StartupException($"Could not give {_root} to the postgres user: {output}");
    }

    // PostgreSQL requires a private data folder; a private socket folder keeps other local users out.
    private static void RestrictToOwner(string directory)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string TailOfLog()
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(10));
        }
        catch (IOException)
        {
            return "";
        }
    }
}
