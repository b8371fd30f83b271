using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Portal.Security;

namespace Portal.Components.Pages.Account;

/// <summary>Sign-out: a POST with an antiforgery token, from the form in the top bar.</summary>
public static class AccountEndpoints
{
    public const string LogoutPath = "/account/logout";

    public static IEndpointRouteBuilder MapPortalAccount(this IEndpointRouteBuilder app)
    {
        app.MapPost(LogoutPath, async (SignInManager<PortalUser> signIn) =>
            {
                await signIn.SignOutAsync();
                return Results.Redirect("/account/login");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }
}
