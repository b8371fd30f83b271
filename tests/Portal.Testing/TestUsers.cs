using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Security;

namespace Portal.Testing;

/// <summary>
/// Users for tests, made with the portal's own Identity stores, and signed in through the real sign-in page (antiforgery
/// token included), so tests hold the same cookie a browser would.
/// </summary>
public static partial class TestUsers
{
    public const string Password = "correct horse battery staple";

    /// <summary>Creates a user with the roles; the portal must have started once on this database (it creates the roles).</summary>
    public static async Task<string> CreateAsync(string connectionString, params string[] roles)
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddDbContext<AccountsDbContext>(o => o.UseNpgsql(connectionString));
        services.AddIdentityCore<PortalUser>(SecuritySetup.ConfigureIdentity).AddRoles<IdentityRole>().AddEntityFrameworkStores<AccountsDbContext>();
        await using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var name = $"{string.Join("-", roles).ToLowerInvariant()}-{Guid.NewGuid():N}"[..24];
        var user = new PortalUser { UserName = name };
        Check(await users.CreateAsync(user, Password));
        if (roles.Length > 0) Check(await users.AddToRolesAsync(user, roles));
        return name;
    }

    /// <summary>Signs in through /account/login with a client that keeps its own cookies (e.g. WebApplicationFactory's).</summary>
    public static async Task SignInWithCookiesAsync(HttpClient client, string userName, string password = Password)
    {
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(
            await FormFieldsAsync(client, "/account/login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password })));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in of {userName} failed: {response.StatusCode}");
    }

    /// <summary>
    /// The fields to post a server-rendered form: its hidden inputs (antiforgery token, form name) from a GET of the page,
    /// plus <paramref name="fields"/>. The client must keep cookies, as the antiforgery token is tied to one.
    /// </summary>
    public static async Task<Dictionary<string, string>> FormFieldsAsync(HttpClient client, string path, Dictionary<string, string> fields,
        string? formName = null)
    {
        var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
        var form = formName is null ? html : FormNamed(html, formName);
        var all = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (key, value) in fields) all[key] = value;
        return all;
    }

    private static string FormNamed(string html, string formName)
    {
        var marker = html.IndexOf($"value=\"{formName}\"", StringComparison.Ordinal);
        if (marker < 0) throw new InvalidOperationException($"No form named {formName} on the page.");
        var start = html.LastIndexOf("<form", marker, StringComparison.Ordinal);
        var end = html.IndexOf("</form>", marker, StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>Signs in through /account/login and returns the Cookie header value of the session.</summary>
    public static async Task<string> SignInAsync(HttpMessageHandler handler, Uri baseAddress, string userName, string password = Password)
    {
        using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress };
        var form = await client.GetAsync("/account/login");
        form.EnsureSuccessStatusCode();
        var html = await form.Content.ReadAsStringAsync();
        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.UserName"] = userName;
        fields["Input.Password"] = password;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", Cookies(form));
        var response = await client.SendAsync(request);
        var session = Cookies(response);
        if (response.StatusCode != HttpStatusCode.Redirect || !session.Contains("portal.auth="))
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        }
        return session;
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [GeneratedRegex("<input(?=[^>]*type=\"hidden\")[^>]*?name=\"(?<name>[^\"]+)\"[^>]*?value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
