using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.Hosting;

namespace Portal.Storage;

/// <summary>
/// Applies the numbered SQL files of migrations/ in order, in one transaction, under an advisory lock so that two
/// instances starting together do not race. Each applied file is recorded with its checksum; an applied file that has
/// changed since stops start-up.
/// </summary>
public sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    // Any constant shared by all portal instances; chosen once, never changed.
    private const long AdvisoryLockKey = 0x506F7274616C01;

    public sealed record Migration(int Version, string Name, string Sql, string Checksum);

    public static IReadOnlyList<Migration> Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new StartupException($"The migrations folder {directory} does not exist.");
        var migrations = new List<Migration>();
        foreach (var path in Directory.GetFiles(directory, "*.sql"))
        {
            var name = Path.GetFileName(path);
            var match = FileNamePattern().Match(name);
            if (!match.Success) throw new StartupException($"Migration file {name} must be named NNNN_description.sql.");
            var sql = File.ReadAllText(path);
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value), name, sql, checksum));
        }
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new StartupException($"Two migrations share number {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        return migrations.OrderBy(m => m.Version).ToList();
    }

    /// <summary>Applies what is missing; returns the names applied now.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecuteAsync(conn, tx, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        await ExecuteAsync(conn, tx, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, ct);

        var applied = new Dictionary<int, (string Name, string Checksum)>();
        await using (var read = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations", conn, tx))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        var appliedNow = new List<string>();
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var done))
            {
                if (done.Checksum != migration.Checksum)
                {
                    throw new StartupException(
                        $"Migration {migration.Name} was changed after it was applied (recorded as {done.Name}). " +
                        "Applied migrations must not change: restore the file and add a new numbered migration instead.");
                }
                continue;
            }
            await ExecuteAsync(conn, tx, migration.Sql, ct);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, checksum) VALUES (@v, @n, @c)", conn, tx);
            record.Parameters.AddWithValue("v", migration.Version);
            record.Parameters.AddWithValue("n", migration.Name);
            record.Parameters.AddWithValue("c", migration.Checksum);
            await record.ExecuteNonQueryAsync(ct);
            appliedNow.Add(migration.Name);
        }
        await tx.CommitAsync(ct);
        if (appliedNow.Count > 0) logger.LogInformation("Applied migrations: {Migrations}", string.Join(", ", appliedNow));
        return appliedNow;
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        // No time limit: a migration that builds an index on a filled store takes as long as the rows need.
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex(@"^(\d{4})_[A-Za-z0-9_\-]+\.sql$")]
    private static partial Regex FileNamePattern();
}
