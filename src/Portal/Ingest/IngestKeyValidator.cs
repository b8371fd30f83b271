using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Portal.Ingest;

/// <summary>Checks an ingest API key against the stored hashes: keys from configuration and keys admins created.</summary>
public sealed class IngestKeyValidator(IOptionsMonitor<IngestKeyOptions> options, IngestKeyStore store)
{
    public const string HeaderName = "X-Api-Key";

    /// <summary>The key presented by a request: the X-Api-Key header, or a bearer token.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var key) && !string.IsNullOrEmpty(key)) return key.ToString();
        var auth = request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : null;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The matching key, or null when the presented key is unknown or revoked.</summary>
    public IngestKey? Find(string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        IngestKey? found = null;
        foreach (var key in options.CurrentValue.ApiKeys)
        {
            if (key.Sha256.Length != 64) continue;
            if (CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(key.Sha256))) found = key;
        }
        // Stored keys are looked up by their hash: knowing where a lookup of a SHA-256 ends reveals nothing of a key.
        return found ?? store.Find(Convert.ToHexStringLower(hash));
    }

    public static bool Allows(IngestKey key, string scope) =>
        key.Scopes is null || key.Scopes.Length == 0 || key.Scopes.Contains(scope, StringComparer.OrdinalIgnoreCase);
}
