namespace Portal.Components.Telemetry;

/// <summary>Tells system events (deployments, node changes) from business events by their CloudEvents type.</summary>
public static class SystemEvent
{
    private static readonly string[] Markers = ["deploy", "nodedown", "nodeup", "node.", "restart", "rollback", "scale", "incident", "failover"];

    public static bool IsSystem(string type) => Markers.Any(m => type.Contains(m, StringComparison.OrdinalIgnoreCase));
}
