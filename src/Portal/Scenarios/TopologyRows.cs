using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Portal.Core.Topology;

namespace Portal.Scenarios;

/// <summary>How topology versions and scenarios are read from and written to their rows (JSON columns included).</summary>
internal static class TopologyRows
{
    public const string VersionColumns = """
        id, scenario, version, status, origin, topology::text, diff::text, examples::text, confidence, trace_count, explanation,
        based_on, created_at, created_by, decided_by, decided_at, note
        """;

    public const string ScenarioColumns = "code, display_name, description, first_seen, last_seen, last_inferred_at, last_decision";

    public static TopologyVersion ReadVersion(NpgsqlDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetInt32(2),
        Enum.Parse<TopologyStatus>(r.GetString(3)),
        Enum.Parse<TopologyOrigin>(r.GetString(4)),
        JsonSerializer.Deserialize<InferredTopology>(r.GetString(5))!,
        r.IsDBNull(6) ? null : JsonSerializer.Deserialize<TopologyDiff>(r.GetString(6)),
        JsonSerializer.Deserialize<List<EdgeExamples>>(r.GetString(7)) ?? [],
        r.GetDouble(8),
        r.GetInt32(9),
        r.GetString(10),
        r.IsDBNull(11) ? null : r.GetInt64(11),
        r.GetDateTime(12),
        r.GetString(13),
        r.IsDBNull(14) ? null : r.GetString(14),
        r.IsDBNull(15) ? null : r.GetDateTime(15),
        r.IsDBNull(16) ? null : r.GetString(16));

    public static ScenarioInfo ReadScenario(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.IsDBNull(1) ? null : r.GetString(1),
        r.IsDBNull(2) ? null : r.GetString(2),
        r.GetDateTime(3),
        r.GetDateTime(4),
        r.IsDBNull(5) ? null : r.GetDateTime(5),
        r.IsDBNull(6) ? null : r.GetString(6));

    public static void AddJson<T>(NpgsqlCommand cmd, string name, T? value) =>
        cmd.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = value is null ? DBNull.Value : JsonSerializer.Serialize(value) });

    public static async Task<List<T>> ReadAllAsync<T>(NpgsqlCommand cmd, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }
}
