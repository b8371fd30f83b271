using System.Net.Sockets;
using System.Net;
using Portal.Testing;

namespace Portal.Tests.Hosting;

/// <summary>Bad configuration ends the process with one clear sentence, not a stack trace.</summary>
public sealed class StartupErrorTests
{
    [Fact]
    public async Task An_unreachable_database_server_is_named_in_one_message()
    {
        await using var portal = PortalProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Portal"] = $"Host=127.0.0.1;Port={PortalProcess.FreePort()};Username=portal;Password=x;Database=portal;Timeout=3",
        });

        Assert.Equal(1, await portal.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Portal could not start: Cannot use the PostgreSQL server 127.0.0.1", portal.Output);
        Assert.Contains("ConnectionStrings:Portal", portal.Output);
        AssertNoStackTrace(portal.Output);
    }

    [Fact]
    public async Task An_invalid_connection_string_is_named_in_one_message()
    {
        await using var portal = PortalProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Portal"] = "Host=localhost;Max Pool Size=5",
        });

        Assert.Equal(1, await portal.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("ConnectionStrings:Portal is not a valid PostgreSQL connection string", portal.Output);
        AssertNoStackTrace(portal.Output);
    }

    [Fact]
    public async Task An_occupied_port_is_named_in_one_message()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var portal = PortalProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Portal"] = await TestCluster.CreateDatabaseAsync("occupied"),
        }, port);

        Assert.Equal(1, await portal.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"Failed to bind to address http://127.0.0.1:{port}: address already in use", portal.Output);
        Assert.Contains("--urls", portal.Output);
        AssertNoStackTrace(portal.Output);
    }

    [Fact]
    public async Task Missing_postgres_programs_are_named_in_one_message()
    {
        await using var portal = PortalProcess.Start(new Dictionary<string, string?>
        {
            ["PATH"] = "/usr/bin:/bin",
            ["PORTAL_POSTGRES_SEARCH_ROOT"] = Path.Combine(Path.GetTempPath(), "no-postgres-here"),
            ["Portal__Database__DataDirectory"] = Path.Combine(Path.GetTempPath(), $"portal-nobin-{Guid.NewGuid():N}"),
        });

        Assert.Equal(1, await portal.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("PostgreSQL server programs (initdb, pg_ctl) were not found", portal.Output);
        AssertNoStackTrace(portal.Output);
    }

    private static void AssertNoStackTrace(string output) =>
        Assert.DoesNotContain("   at ", output);
}
