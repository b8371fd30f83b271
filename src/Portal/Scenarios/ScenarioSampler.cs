using Npgsql;
using Portal.Core.Records;
using Portal.Storage;

namespace Portal.Scenarios;

/// <summary>A scenario seen among recent root spans.</summary>
public sealed record SeenScenario(string Code, DateTime FirstSeen, DateTime LastSeen, long Roots);

/// <summary>Reads what the inference job learns from: recent root spans per scenario, and the spans of sampled traces.</summary>
public static class ScenarioSampler
{
    /// <summary>Child spans may start before their root by the callers' clock skew: the span read reaches back this much further.</summary>
    public static readonly TimeSpan SkewMargin = TimeSpan.FromMinutes(5);

    public static async Task<List<SeenScenario>> DiscoverAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DateTime since, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT scenario, min(start_time), max(start_time), count(*)
            FROM spans WHERE parent_span_id IS NULL AND scenario IS NOT NULL AND start_time >= @since
            GROUP BY scenario ORDER BY scenario
            """, conn, tx);
        cmd.Parameters.AddWithValue("since", since);
        var seen = new List<SeenScenario>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) seen.Add(new SeenScenario(reader.GetString(0), reader.GetDateTime(1), reader.GetDateTime(2), reader.GetInt64(3)));
        return seen;
    }

    /// <summary>The newest <paramref name="maxTraces"/> traces rooted in the scenario since <paramref name="since"/>, each as its spans.</summary>
    public static async Task<List<IReadOnlyList<SpanRecord>>> SampleAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string scenario, DateTime since,
        int maxTraces, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            WITH sampled AS (
                SELECT DISTINCT trace_id FROM (
                    SELECT trace_id FROM spans
                    WHERE parent_span_id IS NULL AND scenario = @scenario AND start_time >= @since
                    ORDER BY start_time DESC LIMIT @max) newest)
            SELECT {SpanSummaryRows.Columns("s")}
            FROM spans s JOIN sampled USING (trace_id)
            WHERE s.start_time >= @spansSince
            """, conn, tx);
        cmd.Parameters.AddWithValue("scenario", scenario);
        cmd.Parameters.AddWithValue("since", since);
        cmd.Parameters.AddWithValue("spansSince", since - SkewMargin);
        cmd.Parameters.AddWithValue("max", maxTraces);
        var traces = new Dictionary<TraceId, List<SpanRecord>>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var span = SpanSummaryRows.Read(reader);
            if (!traces.TryGetValue(span.TraceId, out var list)) traces[span.TraceId] = list = [];
            list.Add(span);
        }
        return traces.Values.Select(IReadOnlyList<SpanRecord> (t) => t).ToList();
    }
}
