using System.Net;
using Portal.Testing;

namespace Portal.Tests.Hosting;

public sealed class HealthTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Healthz_answers_while_the_process_lives()
    {
        var response = await host.Factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_reports_the_migrated_database()
    {
        var response = await host.Factory.CreateClient().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
