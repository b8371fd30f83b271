using System.Security.Cryptography;
using Npgsql;

namespace Portal.Ingest;

/// <summary>An ingest key as the admin page lists it (never the key itself: only its hash is stored).</summary>
public sealed record IngestKeyInfo(long Id, string Name, string[] Scopes, int RatePerSecond, DateTime CreatedAt, string CreatedBy,
    DateTime? RevokedAt, DateTime? LastUsedAt, long UseCount);

/// <summary>Creates, rotates and revokes the ingest keys admins manage; a new key is returned once and stored only as a hash.</summary>
public sealed class IngestKeyAdmin(NpgsqlDataSource dataSource, IngestKeyStore store)
{
    public const int DefaultRatePerSecond = 200;
    public static readonly string[] AllScopes = [IngestScope.Traces, IngestScope.Logs, IngestScope.Events];

    public async Task<List<IngestKeyInfo>> ListAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, name, scopes, rate_per_second, created_at, created_by, revoked_at, last_used_at, use_count
            FROM ingest_keys ORDER BY revoked_at IS NOT NULL, created_at DESC
            """);
        var keys = new List<IngestKeyInfo>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            keys.Add(new IngestKeyInfo(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetInt32(3),
                reader.GetDateTime(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetDateTime(6),
                reader.IsDBNull(7) ? null : reader.GetDateTime(7), reader.GetInt64(8)));
        }
        return keys;
    }

    /// <summary>Creates a key and returns it in clear: the only time anyone sees it.</summary>
    public async Task<string> CreateAsync(string name, IReadOnlyCollection<string> scopes, int ratePerSecond, string createdBy, CancellationToken ct)
    {
        var key = "pk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO ingest_keys (name, sha256, scopes, rate_per_second, created_by) VALUES (@name, @sha, @scopes, @rate, @by)
            """);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("sha", IngestKeyValidator.Hash(key));
        cmd.Parameters.AddWithValue("scopes", scopes.ToArray());
        cmd.Parameters.AddWithValue("rate", ratePerSecond);
        cmd.Parameters.AddWithValue("by", createdBy);
        await cmd.ExecuteNonQueryAsync(ct);
        await store.ReloadAsync(ct);
        return key;
    }

    /// <summary>Replaces a key by a new one with the same name, scopes and rate; the old one stops working at once.</summary>
    public async Task<string?> RotateAsync(long id, string by, CancellationToken ct)
    {
        var old = (await ListAsync(ct)).FirstOrDefault(k => k.Id == id && k.RevokedAt is null);
        if (old is null) return null;
        var key = await CreateAsync(old.Name, old.Scopes, old.RatePerSecond, by, ct);
        await RevokeAsync(id, ct);
        return key;
    }

    public async Task<bool> RevokeAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE ingest_keys SET revoked_at = now() WHERE id = @id AND revoked_at IS NULL");
        cmd.Parameters.AddWithValue("id", id);
        var changed = await cmd.ExecuteNonQueryAsync(ct) == 1;
        await store.ReloadAsync(ct);
        return changed;
    }
}
