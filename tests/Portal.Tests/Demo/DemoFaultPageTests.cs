using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Demo;
using Portal.Security;
using Portal.Testing;
using Portal.TrafficGen;
using Portal.TrafficGen.Simulation;

namespace Portal.Tests.Demo;

/// <summary>The admin page that disturbs the demo traffic: it injects into the running generator, checks its fields, and only for admins.</summary>
public sealed class DemoFaultPageTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Page = "/admin/demo";
    private DemoFaults Faults => host.Factory.Services.GetRequiredService<DemoFaults>();

    [Fact]
    public async Task Without_demo_traffic_the_page_says_how_to_start_it()
    {
        Faults.Detach();
        using var admin = await ClientAsync(PortalRoles.Admin);

        var html = await (await admin.GetAsync(Page)).Content.ReadAsStringAsync();

        Assert.Contains("No demo traffic runs", html);
        Assert.Contains("--demo", html);
    }

    [Fact]
    public async Task An_admin_injects_a_failure_into_the_running_generator()
    {
        var generator = Attach();
        using var admin = await ClientAsync(PortalRoles.Admin);

        var response = await PostAsync(admin, new() { ["Fault.Kind"] = "fail", ["Fault.Service"] = "payments", ["Fault.Magnitude"] = "0.5", ["Fault.Seconds"] = "90" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Injected: fail payments 0.5 90s", await response.Content.ReadAsStringAsync());
        var fault = Assert.Single(Faults.Active);
        Assert.Equal(("payments", FaultKind.Fail, 0.5), (fault.Service, fault.Kind, fault.Magnitude));
        Assert.Equal(0.5, FaultBoard.FailShare(generator.Faults.Faults, "payments", fault.From.AddSeconds(60)));
        Assert.Contains("data-demo-faults=\"1\"", await (await admin.GetAsync(Page)).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("slow", "payments", "0.5", "60", "Share or factor: a slow-down factor")]
    [InlineData("fail", "payments", "2", "60", "Share or factor: a failure share")]
    [InlineData("fail", "billing", "", "60", "Service:")]
    [InlineData("fail", "payments", "", "7200", "For seconds:")]
    [InlineData("melt", "payments", "", "60", "Fault:")]
    public async Task A_wrong_field_is_named_and_nothing_is_injected(string kind, string service, string magnitude, string seconds, string expected)
    {
        Attach();
        using var admin = await ClientAsync(PortalRoles.Admin);

        var response = await PostAsync(admin, new() { ["Fault.Kind"] = kind, ["Fault.Service"] = service, ["Fault.Magnitude"] = magnitude, ["Fault.Seconds"] = seconds });

        Assert.Contains(WebUtility.HtmlEncode(expected), await response.Content.ReadAsStringAsync());
        Assert.Empty(Faults.Active);
    }

    [Theory]
    [InlineData(PortalRoles.Ops)]
    [InlineData(PortalRoles.Lead)]
    public async Task Only_an_admin_can_inject_even_by_posting_the_form_directly(string role)
    {
        Attach();
        using var user = await ClientAsync(role);
        // A valid antiforgery token of this user, from a form the user may open, so only authorization can refuse.
        var fields = await TestUsers.FormFieldsAsync(user, "/account/password",
            new() { ["_handler"] = "inject-fault", ["Fault.Kind"] = "fail", ["Fault.Service"] = "payments", ["Fault.Seconds"] = "60" });

        var response = await user.PostAsync(Page, new FormUrlEncodedContent(fields));

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                    || response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/denied"),
            $"{role}: {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Empty(Faults.Active);
    }

    private TrafficGenerator Attach()
    {
        var generator = new TrafficGenerator(new TrafficOptions { Seed = 11, Disruptions = false });
        Faults.Attach(generator, rate: 8);
        return generator;
    }

    private async Task<HttpClient> ClientAsync(string role)
    {
        var client = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await TestUsers.SignInWithCookiesAsync(client, await TestUsers.CreateAsync(host.Factory.ConnectionString, role));
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient admin, Dictionary<string, string> fields) =>
        await admin.PostAsync(Page, new FormUrlEncodedContent(await TestUsers.FormFieldsAsync(admin, Page, fields, "inject-fault")));
}
