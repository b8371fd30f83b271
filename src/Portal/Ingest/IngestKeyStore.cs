using System.Collections.Concurrent;
using Npgsql;
using Portal.Storage;

namespace Portal.Ingest;

/// <summary>
/// The ingest keys admins manage (table ingest_keys): a snapshot of the active ones refreshed every few seconds (and at
/// once after an admin's change), and usage counters written back in batches so that counting never slows a request.
/// </summary>
public sealed class IngestKeyStore(NpgsqlDataSource dataSource, DatabaseReadiness readiness, ILogger<IngestKeyStore> logger) : BackgroundService
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    private volatile IReadOnlyDictionary<string, IngestKey> _active = new Dictionary<string, IngestKey>();
    private readonly ConcurrentDictionary<long, long> _uses = new();

    /// <summary>The active stored key with this SHA-256 (lower-case hex), or null.</summary>
    public IngestKey? Find(string sha256Hex) => _active.GetValueOrDefault(sha256Hex);

    public void CountUse(IngestKey key)
    {
        if (key.Id is { } id) _uses.AddOrUpdate(id, 1, (_, n) => n + 1);
    }

    /// <summary>Reloads at once: a created or revoked key takes effect within moments, not at the next refresh.</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        var keys = new Dictionary<string, IngestKey>();
        await using var cmd = dataSource.CreateCommand("SELECT id, name, sha256, scopes, rate_per_second FROM ingest_keys WHERE revoked_at IS NULL");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var sha = reader.GetString(2);
            keys[sha] = new IngestKey(reader.GetString(1), sha, reader.GetFieldValue<string[]>(3), reader.GetInt32(4), reader.GetInt64(0));
        }
        _active = keys;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (readiness.IsMigrated)
                {
                    await ReloadAsync(stoppingToken);
                    await FlushUsesAsync(stoppingToken);
                }
                await Task.Delay(RefreshInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning("Could not refresh ingest keys; keeping the last known ones: {Error}", e.Message);
                await Task.Delay(RefreshInterval, CancellationToken.None);
            }
        }
    }

    private async Task FlushUsesAsync(CancellationToken ct)
    {
        foreach (var id in _uses.Keys)
        {
            if (!_uses.TryRemove(id, out var count) || count == 0) continue;
            await using var cmd = dataSource.CreateCommand("UPDATE ingest_keys SET use_count = use_count + @n, last_used_at = now() WHERE id = @id");
            cmd.Parameters.AddWithValue("n", count);
            cmd.Parameters.AddWithValue("id", id);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
