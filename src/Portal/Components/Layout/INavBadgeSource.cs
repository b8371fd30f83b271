namespace Portal.Components.Layout;

/// <summary>
/// Counts shown next to navigation items (e.g. "topology-review": topologies awaiting an admin), keyed by <see cref="NavItem.Key"/>.
/// Optional: register one to fill the badge slots; without it the navigation shows no counts.
/// </summary>
public interface INavBadgeSource
{
    Task<IReadOnlyDictionary<string, int>> GetCountsAsync(CancellationToken cancellationToken);
}
