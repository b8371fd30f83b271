using Npgsql;
using Portal.Core.Records;
using Portal.Core.Windowing;

namespace Portal.Processing;

/// <summary>
/// After a restart, recomputes the final windows of [from, horizon) from the stored spans and replaces their rollups
/// (and drops their late deltas), so a late record that was acknowledged just before a crash, but whose delta was not
/// stored yet, is still counted once. Compaction is wound back to redo the minutes and hours those windows fall in.
/// </summary>
public static class FinalWindowRecovery
{
    public static async Task<int> RecomputeAsync(NpgsqlConnection conn, WindowState state, DateTime fromUtc, IReadOnlyList<SpanRecord> spans,
        WindowEngineOptions engineOptions, CancellationToken ct)
    {
        if (fromUtc >= state.FinalHorizon) return 0;
        var engine = new WindowEngine(engineOptions);
        engine.Rebuild(spans.Where(s => s.StartTime < state.FinalHorizon), fromUtc);
        // A processing time far ahead closes every window: this is an offline recomputation.
        var rows = engine.AdvanceTo(state.FinalHorizon.AddDays(1))
            .Where(r => r.Kind == WindowResultKind.Final && r.WindowStart >= fromUtc && r.WindowStart < state.FinalHorizon)
            .Select(r => new AggregateRow(RollupLevel.Second, r.Key, r.WindowStart, r.Aggregate, r.Revision))
            .ToList();

        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var delete = new NpgsqlCommand("""
            DELETE FROM rollups WHERE resolution_s = 1 AND window_start >= @from AND window_start < @to;
            DELETE FROM rollup_deltas WHERE window_start >= @from AND window_start < @to;
            """, conn, tx))
        {
            delete.Parameters.AddWithValue("from", fromUtc);
            delete.Parameters.AddWithValue("to", state.FinalHorizon);
            await delete.ExecuteNonQueryAsync(ct);
        }
        await AggregateRows.UpsertRollupsAsync(conn, tx, rows, ct);
        var minutes = RollupResolution.Floor(fromUtc, RollupLevel.Minute);
        var hours = RollupResolution.Floor(fromUtc, RollupLevel.Hour);
        await (state with
        {
            MinutesCompactedUntil = minutes < state.MinutesCompactedUntil ? minutes : state.MinutesCompactedUntil,
            HoursCompactedUntil = hours < state.HoursCompactedUntil ? hours : state.HoursCompactedUntil,
        }).WriteAsync(conn, tx, ct);
        await tx.CommitAsync(ct);
        return rows.Count;
    }
}
