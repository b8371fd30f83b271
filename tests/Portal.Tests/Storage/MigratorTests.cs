using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Portal.Hosting;
using Portal.Storage;
using Portal.Testing;

namespace Portal.Tests.Storage;

public sealed class MigratorTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-migrations-").FullName;
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync() => _dataSource = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync("migrator"));

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Applies_files_in_order_once_and_records_them()
    {
        Write("0002_second.sql", "INSERT INTO t VALUES (2);");
        Write("0001_first.sql", "CREATE TABLE t (v int);");
        var migrator = new DatabaseMigrator(_dataSource, NullLogger<DatabaseMigrator>.Instance);

        Assert.Equal(["0001_first.sql", "0002_second.sql"], await migrator.MigrateAsync(DatabaseMigrator.Load(_folder), default));
        Assert.Empty(await migrator.MigrateAsync(DatabaseMigrator.Load(_folder), default));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM t"));
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Two_instances_migrating_at_once_apply_each_file_once()
    {
        Write("0001_first.sql", "CREATE TABLE once (v int); SELECT pg_sleep(0.3); INSERT INTO once VALUES (1);");
        var migrations = DatabaseMigrator.Load(_folder);
        var a = new DatabaseMigrator(_dataSource, NullLogger<DatabaseMigrator>.Instance);
        var b = new DatabaseMigrator(_dataSource, NullLogger<DatabaseMigrator>.Instance);

        var results = await Task.WhenAll(a.MigrateAsync(migrations, default), b.MigrateAsync(migrations, default));

        Assert.Equal(1, results.Sum(r => r.Count));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM once"));
    }

    [Fact]
    public async Task A_changed_applied_file_stops_start_up_naming_it()
    {
        Write("0001_first.sql", "CREATE TABLE changed (v int);");
        var migrator = new DatabaseMigrator(_dataSource, NullLogger<DatabaseMigrator>.Instance);
        await migrator.MigrateAsync(DatabaseMigrator.Load(_folder), default);
        Write("0001_first.sql", "CREATE TABLE changed (v bigint);");

        var error = await Assert.ThrowsAsync<StartupException>(() => migrator.MigrateAsync(DatabaseMigrator.Load(_folder), default));
        Assert.Contains("0001_first.sql", error.Message);
    }

    [Fact]
    public async Task A_failing_migration_applies_nothing()
    {
        Write("0001_ok.sql", "CREATE TABLE kept (v int);");
        Write("0002_bad.sql", "CREATE TABLE broken (v nosuchtype);");
        var migrator = new DatabaseMigrator(_dataSource, NullLogger<DatabaseMigrator>.Instance);

        await Assert.ThrowsAsync<PostgresException>(() => migrator.MigrateAsync(DatabaseMigrator.Load(_folder), default));
        Assert.Null(await ScalarAsync("SELECT to_regclass('kept')::text"));
    }

    [Fact]
    public void A_badly_named_file_is_refused_with_its_name()
    {
        Write("first.sql", "SELECT 1;");
        var error = Assert.Throws<StartupException>(() => DatabaseMigrator.Load(_folder));
        Assert.Contains("first.sql", error.Message);
    }

    private void Write(string name, string sql) => File.WriteAllText(Path.Combine(_folder, name), sql);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var cmd = _dataSource.CreateCommand(sql);
        var value = await cmd.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
