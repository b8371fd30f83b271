using Microsoft.AspNetCore.Identity;

namespace Portal.Security;

/// <summary>A person who signs in to the portal.</summary>
public sealed class PortalUser : IdentityUser
{
    /// <summary>Set for the first admin's one-time password: the first sign-in must choose a new one.</summary>
    public bool MustChangePassword { get; set; }
}
