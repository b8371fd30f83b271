namespace Portal.Security;

/// <summary>
/// The roles and what they open: Ops (overview, services, traces, logs, events), Lead (plus scenario dashboards),
/// Admin (plus topology review, users, API keys, settings). Each policy admits its role and every role above it.
/// </summary>
public static class PortalRoles
{
    public const string Ops = "Ops";
    public const string Lead = "Lead";
    public const string Admin = "Admin";

    public static readonly string[] All = [Ops, Lead, Admin];

    /// <summary>Authorization policy names, one per role.</summary>
    public static class Policies
    {
        public const string Ops = "ops";
        public const string Lead = "lead";
        public const string Admin = "admin";
    }
}
