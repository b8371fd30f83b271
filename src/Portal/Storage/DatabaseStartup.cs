using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Hosting;
using Portal.Storage.Embedded;

namespace Portal.Storage;

/// <summary>
/// Runs first among the hosted services: starts the embedded PostgreSQL when there is no connection string, applies the
/// migrations and prepares partitions, so that everything after it finds a ready database. Stops the embedded server last.
/// </summary>
public sealed class DatabaseStartup(
    NpgsqlDataSource dataSource,
    DatabaseMigrator migrator,
    DatabaseReadiness readiness,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseStartup> logger,
    EmbeddedPostgres? embedded = null) : IHostedService
{
    public const string EmbeddedDatabaseName = "portal";

    public async Task StartAsync(CancellationToken ct)
    {
        var migrations = DatabaseMigrator.Load(Path.Combine(environment.ContentRootPath, "migrations"));
        if (embedded is not null)
        {
            await embedded.StartAsync(ct);
            await embedded.EnsureDatabaseAsync(EmbeddedDatabaseName, ct);
        }
        try
        {
            await migrator.MigrateAsync(migrations, ct);
            await PartitionMaintenance.EnsurePartitionsAsync(dataSource, options.Value, ct);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new StartupException(DescribeConnectionFailure(e, Describe(dataSource.ConnectionString)), e);
        }
        readiness.MarkMigrated();
        logger.LogInformation("Database ready:{Database}", Describe(dataSource.ConnectionString));
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (embedded is not null) await embedded.StopAsync();
    }

    private static string DescribeConnectionFailure(Exception e, string where)
    {
        var reason = e switch
        {
            PostgresException { SqlState: "28P01" } => "the password was refused",
            PostgresException { SqlState: "28000" } => "the user is not allowed to connect",
            PostgresException { SqlState: "3D000" } => "the database does not exist",
            PostgresException pg => $"{pg.SqlState}: {pg.MessageText}",
            _ => (e.InnerException ?? e).Message,
        };
        return $"Cannot use the PostgreSQL server{where}: {reason}. Check ConnectionStrings:Portal (environment variable ConnectionStrings__Portal).";
    }

    private static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $" {b.Host}:{b.Port}/{b.Database} as {b.Username}";
    }
}
