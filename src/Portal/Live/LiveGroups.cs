using Portal.Core.Windowing;

namespace Portal.Live;

/// <summary>The live-feed groups a browser can subscribe to, and which group a window series belongs to.</summary>
public static class LiveGroups
{
    public const string Overview = "overview";
    public const string Services = "services";
    public const string Events = "events";
    public const string System = "system";
    public const int MaxNameLength = 600;

    private static readonly (WindowScope Scope, string Prefix)[] Prefixes =
    [
        (WindowScope.Service, "service:"), (WindowScope.Endpoint, "endpoint:"), (WindowScope.Scenario, "scenario:"), (WindowScope.Edge, "edge:"),
    ];

    public static string For(WindowKey key) => key.Scope == WindowScope.All
        ? Overview
        : Prefixes.First(p => p.Scope == key.Scope).Prefix + key.Key;

    public static bool IsValid(string? group) =>
        group is { Length: > 0 and <= MaxNameLength }
        && (group is Overview or Services or Events or System || Prefixes.Any(p => group.StartsWith(p.Prefix, StringComparison.Ordinal) && group.Length > p.Prefix.Length));
}
