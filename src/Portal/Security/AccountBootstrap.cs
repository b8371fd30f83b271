using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Storage;

namespace Portal.Security;

/// <summary>
/// On start: makes sure the roles exist and, when there is no user yet, creates the first admin with a one-time password
/// (from configuration, or generated and printed once); in demo mode also the read-only demo user.
/// </summary>
public sealed class AccountBootstrap(IServiceScopeFactory scopes, DatabaseReadiness readiness, IOptions<AdminOptions> admin,
    DemoUser demo, ILogger<AccountBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!readiness.IsMigrated) return;
        using var scope = scopes.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
        }

        if (!users.Users.Any(u => u.UserName != DemoUser.UserName))
        {
            var password = string.IsNullOrEmpty(admin.Value.InitialPassword) ? OneTimePassword.New() : admin.Value.InitialPassword;
            var user = new PortalUser { UserName = admin.Value.UserName, MustChangePassword = true };
            Check(await users.CreateAsync(user, password), "the first admin");
            Check(await users.AddToRoleAsync(user, PortalRoles.Admin), "the first admin's role");
            if (string.IsNullOrEmpty(admin.Value.InitialPassword))
            {
                // Printed once, to the console only: the person starting the portal needs it to sign in the first time.
                Console.WriteLine($"First start: sign in as '{user.UserName}' with the one-time password {password} (you will choose a new one).");
            }
            logger.LogInformation("Created the first admin '{User}'.", user.UserName);
        }

        if (demo.Enabled && await users.FindByNameAsync(DemoUser.UserName) is null)
        {
            var user = new PortalUser { UserName = DemoUser.UserName };
            Check(await users.CreateAsync(user), "the demo user");
            Check(await users.AddToRolesAsync(user, [PortalRoles.Ops, PortalRoles.Lead]), "the demo user's roles");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded) throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}

/// <summary>In demo mode a read-only user (Ops and Lead, not Admin) is signed in automatically, and the pages say so.</summary>
public sealed record DemoUser(bool Enabled)
{
    public const string UserName = "demo";
}
