using System.Security.Cryptography;
using System.Text;

namespace Portal.Bench.Infra;

/// <summary>A random ingest key for one run, and the environment that configures the portal with its hash.</summary>
public sealed class IngestKey
{
    public string Value { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["Portal__Ingest__ApiKeys__0__Name"] = "bench",
        ["Portal__Ingest__ApiKeys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Value))),
    };
}
