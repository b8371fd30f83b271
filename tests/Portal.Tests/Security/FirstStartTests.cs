using System.Net;
using System.Text.RegularExpressions;
using Portal.Testing;

namespace Portal.Tests.Security;

/// <summary>The first start creates an admin whose one-time password is printed once and must be changed at the first sign-in.</summary>
public sealed partial class FirstStartTests
{
    [Fact]
    public async Task The_first_admin_signs_in_with_the_printed_password_and_must_choose_a_new_one()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync("firststart");
        await using var portal = PortalProcess.Start(new Dictionary<string, string?> { ["ConnectionStrings__Portal"] = connectionString });
        await portal.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        var printed = OneTimePassword().Match(portal.Output);
        Assert.True(printed.Success, portal.Output);
        Assert.Single(OneTimePassword().Matches(portal.Output));

        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        var cookie = await TestUsers.SignInAsync(handler, portal.Address, "admin", printed.Groups[1].Value);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = portal.Address };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        var overview = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        Assert.StartsWith("/account/password", overview.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("sign in as 'admin' with the one-time password (\\S+) ")]
    private static partial Regex OneTimePassword();
}
