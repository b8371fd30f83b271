using Npgsql;
using Portal.Core.Topology;
using static Portal.Scenarios.TopologyRows;

namespace Portal.Scenarios;

/// <summary>What an admin's review action came to.</summary>
public enum ReviewOutcome
{
    Done,
    NotFound,
    /// <summary>The version was no longer pending (another admin, or the inference job, got there first).</summary>
    NotPending,
}

/// <summary>
/// Every status change of topology versions: the inference job's decisions, and an admin's confirm, reject and edit.
/// Each change runs in a transaction holding the scenario's row lock, so the job and admins never interleave on one scenario.
/// </summary>
public sealed class TopologyPublisher(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>The decided_by / created_by of what the inference job does on its own.</summary>
    public const string InferenceActor = "inference";

    /// <summary>Records that the scenario was seen and locks its row for the rest of <paramref name="tx"/>.</summary>
    internal static async Task TouchScenarioAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string code, DateTime firstSeen, DateTime lastSeen,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO scenarios (code, first_seen, last_seen) VALUES (@code, @first, @last)
            ON CONFLICT (code) DO UPDATE SET first_seen = least(scenarios.first_seen, excluded.first_seen),
                                             last_seen = greatest(scenarios.last_seen, excluded.last_seen)
            """, conn, tx);
        cmd.Parameters.AddWithValue("code", code);
        cmd.Parameters.AddWithValue("first", firstSeen);
        cmd.Parameters.AddWithValue("last", lastSeen);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static async Task<TopologyVersion?> PublishedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string scenario, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {VersionColumns} FROM topology_versions WHERE scenario = @s AND status = 'Published'", conn, tx);
        cmd.Parameters.AddWithValue("s", scenario);
        return (await ReadAllAsync(cmd, ReadVersion, ct)).FirstOrDefault();
    }

    /// <summary>
    /// Stores the job's decision for a scenario whose row <paramref name="tx"/> has locked: Publish supersedes the published
    /// version and stale inferred proposals; Pending refreshes the open inferred proposal when it draws the same graph
    /// (so the queue never holds duplicates) and otherwise replaces it. Returns a short account for logs and the scenario row.
    /// </summary>
    internal static async Task<string> RecordAsync(NpgsqlConnection conn, NpgsqlTransaction tx, TopologyDecision decision,
        IReadOnlyList<EdgeExamples> examples, DateTime now, CancellationToken ct)
    {
        var scenario = decision.Candidate.Scenario;
        string outcome;
        switch (decision.Kind)
        {
            case TopologyDecisionKind.Publish:
                await ExecuteAsync(conn, tx, """
                    UPDATE topology_versions SET status = 'Superseded'
                    WHERE scenario = @s AND (status = 'Published' OR (status = 'Pending' AND origin = 'Inferred'))
                    """, ct, ("s", scenario));
                var published = await InsertAsync(conn, tx, decision.Candidate, decision.Diff, examples, TopologyStatus.Published, decision.Explanation,
                    null, InferenceActor, now, ct);
                await ExecuteAsync(conn, tx, "UPDATE topology_versions SET decided_by = @by, decided_at = @at WHERE id = @id", ct,
                    ("by", InferenceActor), ("at", now), ("id", published));
                outcome = "published";
                break;
            case TopologyDecisionKind.Pending:
                outcome = await ProposeAsync(conn, tx, decision, examples, now, ct);
                break;
            default:
                outcome = "unchanged";
                break;
        }
        await ExecuteAsync(conn, tx, "UPDATE scenarios SET last_inferred_at = @at, last_decision = @decision WHERE code = @s", ct,
            ("at", now), ("decision", decision.Explanation), ("s", scenario));
        return outcome;
    }

    private static async Task<string> ProposeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, TopologyDecision decision,
        IReadOnlyList<EdgeExamples> examples, DateTime now, CancellationToken ct)
    {
        await using var open = new NpgsqlCommand(
            $"SELECT {VersionColumns} FROM topology_versions WHERE scenario = @s AND status = 'Pending' AND origin = 'Inferred'", conn, tx);
        open.Parameters.AddWithValue("s", decision.Candidate.Scenario);
        var proposals = await ReadAllAsync(open, ReadVersion, ct);
        var same = proposals.FirstOrDefault(p => TopologyShape.Same(p.Topology, decision.Candidate));
        foreach (var stale in proposals.Where(p => p != same))
            await ExecuteAsync(conn, tx, "UPDATE topology_versions SET status = 'Superseded' WHERE id = @id", ct, ("id", stale.Id));
        if (same is null)
        {
            await InsertAsync(conn, tx, decision.Candidate, decision.Diff, examples, TopologyStatus.Pending, decision.Explanation, null, InferenceActor, now, ct);
            return "pending";
        }
        await using var refresh = new NpgsqlCommand("""
            UPDATE topology_versions SET topology = @topology, diff = @diff, examples = @examples, confidence = @confidence,
                                         trace_count = @traces, explanation = @explanation
            WHERE id = @id
            """, conn, tx);
        AddJson(refresh, "topology", decision.Candidate);
        AddJson(refresh, "diff", decision.Diff);
        AddJson(refresh, "examples", examples);
        refresh.Parameters.AddWithValue("confidence", decision.Candidate.Confidence);
        refresh.Parameters.AddWithValue("traces", decision.Candidate.TraceCount);
        refresh.Parameters.AddWithValue("explanation", decision.Explanation);
        refresh.Parameters.AddWithValue("id", same.Id);
        await refresh.ExecuteNonQueryAsync(ct);
        return "pending (refreshed)";
    }

    /// <summary>Publishes a pending version; the published one becomes superseded.</summary>
    public Task<ReviewOutcome> ConfirmAsync(long id, string by, string? note, CancellationToken ct) =>
        DecideAsync(id, by, note, publish: true, ct);

    /// <summary>Turns a pending version down; the published one stays.</summary>
    public Task<ReviewOutcome> RejectAsync(long id, string by, string? note, CancellationToken ct) =>
        DecideAsync(id, by, note, publish: false, ct);

    private async Task<ReviewOutcome> DecideAsync(long id, string by, string? note, bool publish, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await LockAsync(conn, tx, id, ct) is not { } version) return ReviewOutcome.NotFound;
        if (version.Status != TopologyStatus.Pending) return ReviewOutcome.NotPending;
        if (publish)
        {
            await ExecuteAsync(conn, tx, "UPDATE topology_versions SET status = 'Superseded' WHERE scenario = @s AND status = 'Published'", ct,
                ("s", version.Scenario));
        }
        await ExecuteAsync(conn, tx, "UPDATE topology_versions SET status = @status, decided_by = @by, decided_at = @at, note = @note WHERE id = @id", ct,
            ("status", (publish ? TopologyStatus.Published : TopologyStatus.Rejected).ToString()), ("by", by), ("at", clock.GetUtcNow().UtcDateTime),
            ("note", string.IsNullOrWhiteSpace(note) ? DBNull.Value : note.Trim()), ("id", id));
        await tx.CommitAsync(ct);
        return ReviewOutcome.Done;
    }

    /// <summary>
    /// Applies an admin's edits to version <paramref name="baseId"/> and stores the result as a new pending, edited
    /// version (a pending base is superseded by it). Returns the new version's id, or null when the base does not exist.
    /// </summary>
    /// <exception cref="ArgumentException">An edit removes the root.</exception>
    public async Task<long?> EditAsync(long baseId, IReadOnlyList<TopologyEdit> edits, string by, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await LockAsync(conn, tx, baseId, ct) is not { } version) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var edited = TopologyEditor.Apply(version.Topology, edits, by, now);
        var published = await PublishedAsync(conn, tx, version.Scenario, ct);
        var diff = published is null ? null : TopologyDecider.Diff(published.Topology, edited);
        if (version.Status == TopologyStatus.Pending)
            await ExecuteAsync(conn, tx, "UPDATE topology_versions SET status = 'Superseded' WHERE id = @id", ct, ("id", baseId));
        var id = await InsertAsync(conn, tx, edited, diff, version.Examples, TopologyStatus.Pending,
            $"Edited by {by} from version {version.Version}: {Describe(edits)}.", baseId, by, now, ct);
        await tx.CommitAsync(ct);
        return id;
    }

    private static string Describe(IReadOnlyList<TopologyEdit> edits) => string.Join("; ", edits.Select(e => e switch
    {
        TopologyEdit.AddEdge a => $"added {a.Caller} → {a.Callee}",
        TopologyEdit.RemoveEdge r => $"removed {r.Caller} → {r.Callee}",
        TopologyEdit.AddNode n => $"added node {n.Node}",
        TopologyEdit.RemoveNode n => $"removed node {n.Node}",
        _ => e.GetType().Name,
    }));

    /// <summary>Reads a version after locking its scenario's row, so the status read is the one the change applies to.</summary>
    private static async Task<TopologyVersion?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        await using var lockCmd = new NpgsqlCommand(
            "SELECT 1 FROM scenarios WHERE code = (SELECT scenario FROM topology_versions WHERE id = @id) FOR UPDATE", conn, tx);
        lockCmd.Parameters.AddWithValue("id", id);
        if (await lockCmd.ExecuteScalarAsync(ct) is null) return null;
        await using var cmd = new NpgsqlCommand($"SELECT {VersionColumns} FROM topology_versions WHERE id = @id", conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        return (await ReadAllAsync(cmd, ReadVersion, ct)).FirstOrDefault();
    }

    private static async Task<long> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, InferredTopology topology, TopologyDiff? diff,
        IReadOnlyList<EdgeExamples> examples, TopologyStatus status, string explanation, long? basedOn, string by, DateTime now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO topology_versions (scenario, version, status, origin, topology, diff, examples, confidence, trace_count, explanation,
                                           based_on, created_at, created_by)
            VALUES (@s, (SELECT coalesce(max(version), 0) + 1 FROM topology_versions WHERE scenario = @s), @status, @origin, @topology, @diff,
                    @examples, @confidence, @traces, @explanation, @basedOn, @at, @by)
            RETURNING id
            """, conn, tx);
        cmd.Parameters.AddWithValue("s", topology.Scenario);
        cmd.Parameters.AddWithValue("status", status.ToString());
        cmd.Parameters.AddWithValue("origin", topology.Origin.ToString());
        AddJson(cmd, "topology", topology);
        AddJson(cmd, "diff", diff);
        AddJson(cmd, "examples", examples);
        cmd.Parameters.AddWithValue("confidence", topology.Confidence);
        cmd.Parameters.AddWithValue("traces", topology.TraceCount);
        cmd.Parameters.AddWithValue("explanation", explanation);
        cmd.Parameters.AddWithValue("basedOn", basedOn is { } b ? b : DBNull.Value);
        cmd.Parameters.AddWithValue("at", now);
        cmd.Parameters.AddWithValue("by", by);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
