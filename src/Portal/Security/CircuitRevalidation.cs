using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Portal.Security;

/// <summary>
/// A page circuit keeps the user it was opened with, for as long as the tab stays open. Every minute this checks that
/// user against the store: a deleted or locked account, a reset password (security stamp) or changed roles end the
/// circuit's access, so its in-app navigation is refused like a new request would be.
/// </summary>
public sealed class CircuitRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (await users.GetUserAsync(state.User) is not { } user || await users.IsLockedOutAsync(user)) return false;
        var claims = options.Value.ClaimsIdentity;
        if (state.User.FindFirstValue(claims.SecurityStampClaimType) != await users.GetSecurityStampAsync(user)) return false;
        var roles = await users.GetRolesAsync(user);
        return roles.Order().SequenceEqual(state.User.FindAll(claims.RoleClaimType).Select(c => c.Value).Order());
    }
}
