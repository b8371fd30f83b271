using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Portal.Security;

/// <summary>Wires sign-in (Identity with cookies), the role policies, data-protection keys in PostgreSQL and the security headers.</summary>
public static class SecuritySetup
{
    public static IServiceCollection AddPortalSecurity(this IServiceCollection services, bool demo)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        services.AddSingleton(new DemoUser(demo));
        services.AddDbContext<AccountsDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddIdentity<PortalUser, IdentityRole>(ConfigureIdentity)
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "portal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            // Machines get status codes; people get the sign-in page.
            o.Events.OnRedirectToLogin = context => Answer(context.HttpContext, StatusCodes.Status401Unauthorized, context.RedirectUri);
            o.Events.OnRedirectToAccessDenied = context => Answer(context.HttpContext, StatusCodes.Status403Forbidden, context.RedirectUri);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(PortalRoles.Policies.Ops, p => p.RequireRole(PortalRoles.Ops, PortalRoles.Lead, PortalRoles.Admin))
            .AddPolicy(PortalRoles.Policies.Lead, p => p.RequireRole(PortalRoles.Lead, PortalRoles.Admin))
            .AddPolicy(PortalRoles.Policies.Admin, p => p.RequireRole(PortalRoles.Admin))
            // Everything needs a signed-in user with a portal role unless it says otherwise (ingest keys, health, sign-in page).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireRole(PortalRoles.All).Build());

        // A session's roles and security stamp are read again every minute: a role change or a password reset reaches
        // open sessions, the cookie's and the page circuit's alike (CircuitRevalidation), within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddDataProtection().SetApplicationName("Portal");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>())));
        services.AddHostedService<AccountBootstrap>();
        return services;
    }

    /// <summary>Password and lockout rules: length over composition (NIST SP 800-63B); lockout slows guessing.</summary>
    public static void ConfigureIdentity(IdentityOptions o)
    {
        o.Password.RequiredLength = 10;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
        o.Lockout.AllowedForNewUsers = true;
    }

    public static WebApplication UsePortalSecurity(this WebApplication app)
    {
        app.UsePortalSecurityHeaders();
        app.UseAuthentication();
        app.UsePortalSessionRules();
        app.UseAuthorization();
        return app;
    }

    private static Task Answer(HttpContext http, int status, string redirectUri)
    {
        if (SessionRules.IsMachinePath(http.Request.Path)) http.Response.StatusCode = status;
        else http.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
