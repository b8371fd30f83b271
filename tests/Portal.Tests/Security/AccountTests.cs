using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Security;
using Portal.Testing;

namespace Portal.Tests.Security;

/// <summary>Sign-in rules and what admins manage: lockout, ingest keys created, used, rotated and revoked through the pages.</summary>
public sealed partial class AccountTests(HostFixture host) : IClassFixture<HostFixture>
{
    private HttpClient CookieClient() => host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var user = await TestUsers.CreateAsync(host.Factory.ConnectionString, PortalRoles.Ops);
        var client = CookieClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsync("/account/login", new FormUrlEncodedContent(await TestUsers.FormFieldsAsync(client, "/account/login",
                new() { ["Input.UserName"] = user, ["Input.Password"] = $"wrong password {i}" })));
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await client.PostAsync("/account/login", new FormUrlEncodedContent(await TestUsers.FormFieldsAsync(client, "/account/login",
            new() { ["Input.UserName"] = user, ["Input.Password"] = TestUsers.Password })));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_return_address_outside_the_portal_is_ignored()
    {
        var user = await TestUsers.CreateAsync(host.Factory.ConnectionString, PortalRoles.Ops);
        var client = CookieClient();
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(await TestUsers.FormFieldsAsync(client, "/account/login",
            new() { ["Input.UserName"] = user, ["Input.Password"] = TestUsers.Password, ["Input.ReturnUrl"] = "//evil.example/phish" })));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("localhost", response.Headers.Location!.Host);
        Assert.Equal("/", response.Headers.Location.AbsolutePath);
    }

    [Fact]
    public async Task An_admin_creates_a_key_that_ingests_and_stops_working_once_revoked()
    {
        var admin = CookieClient();
        await TestUsers.SignInWithCookiesAsync(admin, await TestUsers.CreateAsync(host.Factory.ConnectionString, PortalRoles.Admin));

        var created = await admin.PostAsync("/admin/keys", new FormUrlEncodedContent(await TestUsers.FormFieldsAsync(admin, "/admin/keys",
            new() { ["NewKey.Name"] = "payments-collector", ["NewKey.Scopes"] = "traces", ["NewKey.Rate"] = "50" }, "create-key")));
        var page = await created.Content.ReadAsStringAsync();
        var key = NewKey().Match(page).Groups[1].Value;
        Assert.StartsWith("pk_", key);

        Assert.Equal(HttpStatusCode.OK, (await SendCallAsync(key)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendLogAsync(key)).StatusCode); // scoped to traces only

        var keysPage = await (await admin.GetAsync("/admin/keys")).Content.ReadAsStringAsync();
        var id = RevokeButton().Match(keysPage).Groups[1].Value;
        var revoked = await admin.PostAsync("/admin/keys", new FormUrlEncodedContent(await TestUsers.FormFieldsAsync(admin, "/admin/keys",
            new() { ["Action.Revoke"] = id }, "key-action")));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendCallAsync(key)).StatusCode);
        Assert.DoesNotContain(key, await (await admin.GetAsync("/admin/keys")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_retry_after()
    {
        var admin = CookieClient();
        await TestUsers.SignInWithCookiesAsync(admin, await TestUsers.CreateAsync(host.Factory.ConnectionString, PortalRoles.Admin));
        var created = await admin.PostAsync("/admin/keys", new FormUrlEncodedContent(await TestUsers.FormFieldsAsync(admin, "/admin/keys",
            new() { ["NewKey.Name"] = "slow-sender", ["NewKey.Scopes"] = "traces", ["NewKey.Rate"] = "2" }, "create-key")));
        var key = NewKey().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++) responses.Add(await SendCallAsync(key));
        var refused = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task An_ops_user_cannot_create_keys_even_by_posting_directly()
    {
        var ops = CookieClient();
        await TestUsers.SignInWithCookiesAsync(ops, await TestUsers.CreateAsync(host.Factory.ConnectionString, PortalRoles.Ops));
        var response = await ops.PostAsync("/admin/keys", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create-key", ["NewKey.Name"] = "sneaky", ["NewKey.Scopes"] = "traces", ["NewKey.Rate"] = "5",
        }));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest);
        Assert.DoesNotContain("/account/login", response.Headers.Location?.ToString() ?? "");
        var admin = CookieClient();
        await TestUsers.SignInWithCookiesAsync(admin, await TestUsers.CreateAsync(host.Factory.ConnectionString, PortalRoles.Admin));
        Assert.DoesNotContain("sneaky", await (await admin.GetAsync("/admin/keys")).Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> SendCallAsync(string key) => SendAsync(key, "/api/ingest/calls", new
    {
        records = new[]
        {
            new
            {
                traceId = Guid.NewGuid().ToString("N"), spanId = Guid.NewGuid().ToString("N")[..16], service = "payments", @interface = "pay",
                instance = "payments-1", startTime = DateTimeOffset.UtcNow.ToString("O"), durationMs = 3, success = true,
            },
        },
    });

    private Task<HttpResponseMessage> SendLogAsync(string key) => SendAsync(key, "/api/ingest/logs", new
    {
        logs = new[] { new { time = DateTimeOffset.UtcNow.ToString("O"), service = "payments", instance = "payments-1", level = "info", message = "hello" } },
    });

    private async Task<HttpResponseMessage> SendAsync(string key, string path, object body)
    {
        var client = host.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return await client.PostAsJsonAsync(path, body);
    }

    [GeneratedRegex("data-new-key[^>]*>(pk_[0-9a-f]+)<")]
    private static partial Regex NewKey();

    [GeneratedRegex("name=\"Action.Revoke\" value=\"(\\d+)\"")]
    private static partial Regex RevokeButton();
}
