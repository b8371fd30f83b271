using Npgsql;
using Portal.Core.Records;
using Portal.Storage;

namespace Portal.Processing;

/// <summary>Reads back the stored spans the window engine needs after a restart (only the columns it uses).</summary>
public static class StoredSpans
{
    public static async Task<List<SpanRecord>> ReadSinceAsync(NpgsqlConnection conn, DateTime sinceUtc, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            SELECT {SpanSummaryRows.Columns()}
            FROM spans WHERE start_time >= @since ORDER BY received_at
            """, conn);
        cmd.Parameters.AddWithValue("since", sinceUtc);
        var spans = new List<SpanRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) spans.Add(SpanSummaryRows.Read(reader));
        return spans;
    }
}
