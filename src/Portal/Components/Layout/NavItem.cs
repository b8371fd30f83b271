using Microsoft.AspNetCore.Components.Routing;
using Portal.Security;

namespace Portal.Components.Layout;

/// <summary>
/// One entry of the left navigation; <see cref="Key"/> names it for <see cref="INavBadgeSource"/> counts, and
/// <see cref="Policy"/> hides it from users whose role does not open it (the page checks again on the server).
/// </summary>
public sealed record NavItem(string Key, string Href, string Label, string Icon, NavLinkMatch Match = NavLinkMatch.Prefix,
    string Policy = PortalRoles.Policies.Ops)
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
            new("scenarios", "/scenarios", "Scenarios", "workflow", Policy: PortalRoles.Policies.Lead),
            new("topology-review", "/topology/review", "Topology review", "git-fork", Policy: PortalRoles.Policies.Admin),
        ],
        [
            new("system", "/system", "Self-monitoring", "heart-pulse"),
            new("admin", "/admin", "Admin", "settings", Policy: PortalRoles.Policies.Admin),
        ],
    ];
}
