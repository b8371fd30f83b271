using Npgsql;

namespace Portal.Processing;

/// <summary>How far windowing and compaction got; stored in the single row of <c>window_state</c>.</summary>
public sealed record WindowState(DateTime FinalHorizon, DateTime MinutesCompactedUntil, DateTime HoursCompactedUntil)
{
    /// <summary>The stored state, or a fresh one starting now when nothing was stored yet.</summary>
    public static async Task<WindowState> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, DateTime nowUtc, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT final_horizon, minutes_compacted_until, hours_compacted_until FROM window_state WHERE id = 1", conn, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (await reader.ReadAsync(ct)) return new(reader.GetDateTime(0), reader.GetDateTime(1), reader.GetDateTime(2));
        var start = new DateTime(nowUtc.Ticks - nowUtc.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);
        return new(new DateTime(nowUtc.Ticks - nowUtc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc), start, start);
    }

    public async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO window_state (id, final_horizon, minutes_compacted_until, hours_compacted_until) VALUES (1, @f, @m, @h)
            ON CONFLICT (id) DO UPDATE SET final_horizon = @f, minutes_compacted_until = @m, hours_compacted_until = @h
            """, conn, tx);
        cmd.Parameters.AddWithValue("f", FinalHorizon);
        cmd.Parameters.AddWithValue("m", MinutesCompactedUntil);
        cmd.Parameters.AddWithValue("h", HoursCompactedUntil);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
