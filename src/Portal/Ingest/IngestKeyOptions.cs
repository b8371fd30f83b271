namespace Portal.Ingest;

/// <summary>Ingest API keys from configuration (section <c>Portal:Ingest</c>), stored as SHA-256 hashes, never in clear.</summary>
public sealed class IngestKeyOptions
{
    public const string Section = "Portal:Ingest";

    public List<IngestKey> ApiKeys { get; set; } = [];
}

/// <param name="Name">Who the key belongs to, for logs and usage counters.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the key (e.g. <c>printf %s KEY | sha256sum</c>).</param>
/// <param name="Scopes">What the key may send: traces, logs, events. Empty means all three.</param>
/// <param name="RatePerSecond">Requests per second the key may make; 0 means no limit (keys from configuration).</param>
/// <param name="Id">The stored key's id for keys an admin created; null for keys from configuration.</param>
public sealed record IngestKey(string Name, string Sha256, string[]? Scopes = null, int RatePerSecond = 0, long? Id = null);
