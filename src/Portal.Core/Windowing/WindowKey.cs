namespace Portal.Core.Windowing;

/// <summary>
/// The key of a window series: a scope and a text key.
/// The text is "*" for <see cref="WindowScope.All"/>, the service for <see cref="WindowScope.Service"/>,
/// "service endpoint" for <see cref="WindowScope.Endpoint"/> (split at the first space, so a service name must not contain one,
/// as OpenTelemetry's service.name convention already asks; the endpoint may, e.g. "payments GET /transfer"),
/// "caller->callee" for <see cref="WindowScope.Edge"/> and the scenario code for <see cref="WindowScope.Scenario"/>.
/// </summary>
public readonly record struct WindowKey(WindowScope Scope, string Key)
{
    public const string AllKey = "*";
    public const string EndpointSeparator = " ";
    public const string EdgeSeparator = "->";

    public static WindowKey All { get; } = new(WindowScope.All, AllKey);

    public static WindowKey ForService(string service) => new(WindowScope.Service, service);

    public static WindowKey ForEndpoint(string service, string endpoint) =>
        new(WindowScope.Endpoint, string.Concat(service, EndpointSeparator, endpoint));

    public static WindowKey ForEdge(string callerService, string calleeService) =>
        new(WindowScope.Edge, string.Concat(callerService, EdgeSeparator, calleeService));

    public static WindowKey ForScenario(string scenario) => new(WindowScope.Scenario, scenario);

    /// <summary>Splits an endpoint key into its service and endpoint.</summary>
    public static bool TrySplitEndpoint(string key, out string service, out string endpoint)
    {
        var at = key.IndexOf(EndpointSeparator, StringComparison.Ordinal);
        service = at < 0 ? "" : key[..at];
        endpoint = at < 0 ? "" : key[(at + EndpointSeparator.Length)..];
        return at >= 0;
    }

    /// <summary>Splits an edge key into its caller and callee services.</summary>
    public static bool TrySplitEdge(string key, out string caller, out string callee)
    {
        var at = key.IndexOf(EdgeSeparator, StringComparison.Ordinal);
        caller = at < 0 ? "" : key[..at];
        callee = at < 0 ? "" : key[(at + EdgeSeparator.Length)..];
        return at >= 0;
    }

    public override string ToString() => $"{Scope}:{Key}";
}
