using Microsoft.AspNetCore.Identity;

namespace Portal.Security;

/// <summary>
/// Page requests only: a session that must change its password is sent to do so first; in demo mode an anonymous visitor
/// is signed in as the read-only demo user.
/// </summary>
public static class SessionRules
{
    public const string PasswordPath = "/account/password";

    public static IApplicationBuilder UsePortalSessionRules(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var isPage = HttpMethods.IsGet(context.Request.Method) && !IsMachinePath(path) && !Path.HasExtension(path.Value);
        if (isPage && !path.StartsWithSegments("/account"))
        {
            if (context.User.HasClaim(PortalClaimsFactory.MustChangePasswordClaim, "true"))
            {
                context.Response.Redirect($"{PasswordPath}?returnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
                return;
            }
            if (context.User.Identity?.IsAuthenticated != true && context.RequestServices.GetRequiredService<DemoUser>().Enabled)
            {
                var users = context.RequestServices.GetRequiredService<UserManager<PortalUser>>();
                var signIn = context.RequestServices.GetRequiredService<SignInManager<PortalUser>>();
                if (await users.FindByNameAsync(DemoUser.UserName) is { } demo)
                {
                    await signIn.SignInAsync(demo, isPersistent: false);
                    context.Response.Redirect(context.Request.Path + context.Request.QueryString);
                    return;
                }
            }
        }
        await next();
    });

    /// <summary>Paths machines call (API, live feed, the pages' Blazor circuit, ingest, health): they get status codes, never redirects to pages.</summary>
    public static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/v1")
        || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/openapi")
        || path.StartsWithSegments("/opentelemetry.proto.collector.trace.v1.TraceService")
        || path.StartsWithSegments("/opentelemetry.proto.collector.logs.v1.LogsService");
}
