namespace Portal.Security;

/// <summary>The first administrator (section <c>Portal:Admin</c>).</summary>
public sealed class AdminOptions
{
    public const string Section = "Portal:Admin";

    /// <summary>User name of the admin created on the first start. Default "admin".</summary>
    public string UserName { get; set; } = "admin";

    /// <summary>Its one-time password; when empty, one is generated and printed once to the console.</summary>
    public string? InitialPassword { get; set; }
}
