using Microsoft.AspNetCore.Components.Routing;

namespace Portal.Components.Layout;

/// <summary>One entry of the left navigation; <see cref="Key"/> names it for <see cref="INavBadgeSource"/> counts.</summary>
public sealed record NavItem(string Key, string Href, string Label, string Icon, NavLinkMatch Match = NavLinkMatch.Prefix)
{
    /// <summary>The navigation areas in display order, grouped: watch, investigate, model, operate.</summary>
    public static readonly IReadOnlyList<IReadOnlyList<NavItem>> Groups =
    [
        [
            new("overview", "/", "Overview", "layout-dashboard", NavLinkMatch.All),
            new("services", "/services", "Services", "boxes"),
        ],
        [
            new("traces", "/traces", "Traces", "waypoints"),
            new("logs", "/logs", "Logs", "scroll-text"),
            new("events", "/events", "Events", "zap"),
        ],
        [
            new("scenarios", "/scenarios", "Scenarios", "workflow"),
            new("topology-review", "/topology/review", "Topology review", "git-fork"),
        ],
        [
            new("system", "/system", "Self-monitoring", "heart-pulse"),
            new("admin", "/admin", "Admin", "settings"),
        ],
    ];
}
