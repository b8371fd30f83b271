using System.Collections.Concurrent;

namespace Portal.Live;

/// <summary>
/// Which connections follow which live groups. The live feed sends to each connection on its own (rather than to a
/// SignalR group, whose send waits for its slowest member), so it must know the members itself.
/// </summary>
public sealed class LiveSubscribers
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _groupsOf = new();

    public void Add(string connectionId, IEnumerable<string> groups)
    {
        var set = _groupsOf.GetOrAdd(connectionId, _ => new ConcurrentDictionary<string, byte>());
        foreach (var group in groups) set[group] = 0;
    }

    public void Remove(string connectionId, IEnumerable<string> groups)
    {
        if (!_groupsOf.TryGetValue(connectionId, out var set)) return;
        foreach (var group in groups) set.TryRemove(group, out _);
    }

    public void RemoveConnection(string connectionId) => _groupsOf.TryRemove(connectionId, out _);

    /// <summary>The connections following <paramref name="group"/> right now.</summary>
    public List<string> Of(string group) => _groupsOf.Where(c => c.Value.ContainsKey(group)).Select(c => c.Key).ToList();
}
