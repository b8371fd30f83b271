using Portal.Components.Layout;

namespace Portal.Scenarios;

/// <summary>The navigation badge of "Topology review": how many versions wait for an admin.</summary>
public sealed class PendingTopologyBadge(TopologyStore store) : INavBadgeSource
{
    public const string Key = "topology-review";

    public async Task<IReadOnlyDictionary<string, int>> GetCountsAsync(CancellationToken cancellationToken) =>
        new Dictionary<string, int> { [Key] = await store.PendingCountAsync(cancellationToken) };
}
