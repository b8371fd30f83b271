using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace Portal.Components;

/// <summary>
/// Hands what a page loaded while it was prerendered to the same page's first interactive render, so the circuit neither
/// queries again nor blanks the prerendered rows meanwhile. The rows stay in this process's memory for a few seconds
/// under a random key; only the key travels in the page's persisted state (the rows could exceed the circuit's message
/// size). A missing key (expired, another instance) just means the page queries again.
/// </summary>
public sealed class PrerenderHandoff(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What <paramref name="url"/> shows: the data the prerender kept under <paramref name="key"/>, else <paramref name="load"/>'s.
    /// Key is what the page persists: set while prerendering (not <paramref name="interactive"/>) and there is data, else null.
    /// </summary>
    public async Task<(T Data, string? Key)> LoadAsync<T>(string? key, string url, bool interactive, Func<Task<T>> load) where T : class?
    {
        var data = Take<T>(key, url) ?? await load();
        return (data, interactive || data is null ? null : Keep(url, data));
    }

    private string Keep(string url, object data)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        cache.Set(CacheKey(key), new Entry(url, data), Lifetime);
        return key;
    }

    /// <summary>The data kept under <paramref name="key"/> for <paramref name="url"/>, taken once; null if there is none.</summary>
    private T? Take<T>(string? key, string url) where T : class?
    {
        if (key is null || !cache.TryGetValue(CacheKey(key), out Entry? entry)) return null;
        cache.Remove(CacheKey(key));
        return entry!.Url == url ? entry.Data as T : null;
    }

    private static string CacheKey(string key) => $"prerender:{key}";

    private sealed record Entry(string Url, object Data);
}
