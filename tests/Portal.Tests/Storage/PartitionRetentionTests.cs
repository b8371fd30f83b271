using Npgsql;
using Portal.Storage;
using Portal.Testing;

namespace Portal.Tests.Storage;

public sealed class PartitionRetentionTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Partitions_past_the_retention_are_dropped_and_recent_ones_kept()
    {
        await using var dataSource = NpgsqlDataSource.Create(host.Factory.ConnectionString);
        var old = DateTime.UtcNow.Date.AddDays(-30);
        await using (var create = dataSource.CreateCommand(
            $"CREATE TABLE spans_{old:yyyyMMdd} PARTITION OF spans FOR VALUES FROM ('{old:yyyy-MM-dd}') TO ('{old.AddDays(1):yyyy-MM-dd}')"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await PartitionMaintenance.EnsurePartitionsAsync(dataSource, new DatabaseOptions { RetentionDays = 7 }, default);

        Assert.Null(await RegClassAsync(dataSource, $"spans_{old:yyyyMMdd}"));
        Assert.NotNull(await RegClassAsync(dataSource, $"spans_{DateTime.UtcNow.Date.AddDays(-6):yyyyMMdd}"));
        Assert.NotNull(await RegClassAsync(dataSource, $"logs_{DateTime.UtcNow.Date.AddDays(1):yyyyMMdd}"));
    }

    private static async Task<string?> RegClassAsync(NpgsqlDataSource dataSource, string name)
    {
        await using var cmd = dataSource.CreateCommand("SELECT to_regclass(@name)::text");
        cmd.Parameters.AddWithValue("name", name);
        return await cmd.ExecuteScalarAsync() as string;
    }
}
