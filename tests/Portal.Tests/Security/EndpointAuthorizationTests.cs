using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Security;
using Portal.Testing;

namespace Portal.Tests.Security;

/// <summary>
/// Every endpoint the host maps is enumerated, so a new one cannot be forgotten: without a session it is refused unless
/// it is on the short public list; admin endpoints refuse an Ops user.
/// </summary>
public sealed class EndpointAuthorizationTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>Public on purpose: sign-in, health probes, and ingest (which checks API keys itself).</summary>
    private static readonly string[] Public =
    [
        "/account/login", "/healthz", "/readyz", "/v1/traces", "/v1/logs", "/api/ingest/calls", "/api/ingest/logs", "/api/ingest/events",
        "/opentelemetry.proto.collector.trace.v1.TraceService/Export", "/opentelemetry.proto.collector.logs.v1.LogsService/Export",
    ];

    private List<RouteEndpoint> Endpoints() => host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => !IsStaticAsset(e))
        .ToList();

    [Fact]
    public void Only_the_public_list_allows_anonymous_access()
    {
        var anonymous = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .Order()
            .ToList();
        Assert.Equal(Public.Order(), anonymous);
    }

    [Fact]
    public async Task Every_other_endpoint_refuses_a_request_without_a_session()
    {
        var client = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var failures = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null))
        {
            var path = Concrete(endpoint.RoutePattern.RawText!);
            foreach (var method in Methods(endpoint))
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                              || response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/login")
                              || response.StatusCode == HttpStatusCode.BadRequest && method == "POST"; // antiforgery refuses first
                if (!refused) failures.Add($"{method} {path} → {(int)response.StatusCode}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Admin_endpoints_refuse_an_ops_user()
    {
        using var client = await host.SignedInClientAsync(PortalRoles.Ops);
        var adminPaths = Endpoints()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == PortalRoles.Policies.Admin))
            .Select(e => Concrete(e.RoutePattern.RawText!))
            .Distinct()
            .ToList();
        Assert.NotEmpty(adminPaths);
        foreach (var path in adminPaths)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/denied")
                        || response.StatusCode == HttpStatusCode.Forbidden, $"{path} → {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_live_feed_refuses_a_connection_without_a_session()
    {
        var client = host.Factory.CreateClient();
        var response = await client.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The circuit of the interactive pages is a hub too: it renders pages for signed-in users only.</summary>
    [Fact]
    public async Task The_interactive_pages_circuit_refuses_a_connection_without_a_session()
    {
        var client = host.Factory.CreateClient();
        var response = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(Endpoints(), e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("_blazor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy()
    {
        var response = await host.Factory.CreateClient().GetAsync("/account/login");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("connect-src 'self'", csp); // the circuit's WebSocket and the live feed: this origin only
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    /// <summary>The files of wwwroot and the scoped-CSS bundle: public by nature.</summary>
    private static bool IsStaticAsset(RouteEndpoint e) =>
        Path.HasExtension(e.RoutePattern.RawText) || e.RoutePattern.RawText?.Contains(":file}") == true;

    private static IEnumerable<string> Methods(RouteEndpoint e) =>
        e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET"];

    /// <summary>Fills route parameters with plausible values, so the request reaches authorization.</summary>
    private static string Concrete(string pattern)
    {
        var path = "/" + pattern.TrimStart('/');
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\{\*+[^}]+\}", "x");
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\{traceId[^}]*\}", "4bf92f3577b34da6a3ce929d0e0e4736");
        return System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", "x");
    }
}
