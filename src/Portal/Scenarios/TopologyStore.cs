using Npgsql;
using static Portal.Scenarios.TopologyRows;

namespace Portal.Scenarios;

/// <summary>Reads scenarios and their topology versions; saves what admins write about a scenario.</summary>
public sealed class TopologyStore(NpgsqlDataSource dataSource)
{
    public async Task<List<ScenarioInfo>> ScenariosAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {ScenarioColumns} FROM scenarios ORDER BY coalesce(display_name, code)");
        return await ReadAllAsync(cmd, ReadScenario, ct);
    }

    public async Task<ScenarioInfo?> ScenarioAsync(string code, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {ScenarioColumns} FROM scenarios WHERE code = @code");
        cmd.Parameters.AddWithValue("code", code);
        return (await ReadAllAsync(cmd, ReadScenario, ct)).FirstOrDefault();
    }

    /// <summary>Sets a scenario's display name and description (blank clears them); false when there is no such scenario.</summary>
    public async Task<bool> DescribeAsync(string code, string? displayName, string? description, string by, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE scenarios SET display_name = @name, description = @description, updated_by = @by, updated_at = now() WHERE code = @code
            """);
        cmd.Parameters.AddWithValue("code", code);
        cmd.Parameters.AddWithValue("name", string.IsNullOrWhiteSpace(displayName) ? DBNull.Value : displayName.Trim());
        cmd.Parameters.AddWithValue("description", string.IsNullOrWhiteSpace(description) ? DBNull.Value : description.Trim());
        cmd.Parameters.AddWithValue("by", by);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<TopologyVersion?> VersionAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {VersionColumns} FROM topology_versions WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        return (await ReadAllAsync(cmd, ReadVersion, ct)).FirstOrDefault();
    }

    public async Task<TopologyVersion?> PublishedAsync(string scenario, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {VersionColumns} FROM topology_versions WHERE scenario = @s AND status = 'Published'");
        cmd.Parameters.AddWithValue("s", scenario);
        return (await ReadAllAsync(cmd, ReadVersion, ct)).FirstOrDefault();
    }

    /// <summary>Every published version, by scenario code.</summary>
    public async Task<Dictionary<string, TopologyVersion>> PublishedAllAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {VersionColumns} FROM topology_versions WHERE status = 'Published'");
        return (await ReadAllAsync(cmd, ReadVersion, ct)).ToDictionary(v => v.Scenario);
    }

    /// <summary>The review queue, oldest first.</summary>
    public async Task<List<TopologyVersion>> PendingAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {VersionColumns} FROM topology_versions WHERE status = 'Pending' ORDER BY created_at, id");
        return await ReadAllAsync(cmd, ReadVersion, ct);
    }

    public async Task<int> PendingCountAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM topology_versions WHERE status = 'Pending'");
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
    }

    /// <summary>Every version of a scenario, newest first.</summary>
    public async Task<List<TopologyVersion>> HistoryAsync(string scenario, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {VersionColumns} FROM topology_versions WHERE scenario = @s ORDER BY version DESC");
        cmd.Parameters.AddWithValue("s", scenario);
        return await ReadAllAsync(cmd, ReadVersion, ct);
    }
}
