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

    /// <summary>Keeps <paramref name="data"/> loaded for <paramref name="url"/>; returns the key to persist.</summary>
    public string Keep<T>(string url, T data) where T : class
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        cache.Set(CacheKey(key), new Entry(url, data), Lifetime);
        return key;
    }

    /// <summary>The data kept under <paramref name="key"/> for <paramref name="url"/>, taken once; null if there is none.</summary>
    public T? Take<T>(string? key, string url) where T : class
    {
        if (key is null || !cache.TryGetValue(CacheKey(key), out Entry? entry)) return null;
        cache.Remove(CacheKey(key));
        return entry!.Url == url ? entry.Data as T : null;
    }

    private static string CacheKey(string key) => $"prerender:{key}";

    private sealed record Entry(string Url, object Data);
}
