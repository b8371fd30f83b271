using System.Net;
using Portal.Testing;
using Portal.Tests.Ingest;

namespace Portal.Tests.Reliability;

/// <summary>
/// Starts the portal as its own process against a given database, with an ingest key and windowing timings short
/// enough that windows turn final within seconds; extra settings override these.
/// </summary>
public static class ReliabilityPortal
{
    public static async Task<PortalProcess> StartAsync(string connectionString, int port, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Portal"] = connectionString,
            ["Portal__Ingest__ApiKeys__0__Name"] = "reliability",
            ["Portal__Ingest__ApiKeys__0__Sha256"] = IngestHostFixture.Sha256(IngestHostFixture.Key),
            ["Portal__Windowing__OutOfOrderness"] = "00:00:01",
            ["Portal__Windowing__AllowedLateness"] = "00:00:02",
            ["Portal__Windowing__SourceIdleTimeout"] = "00:00:02",
            ["Portal__Windowing__TickInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) environment[key] = value;
        var portal = PortalProcess.Start(environment, port);
        try
        {
            await portal.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
        return portal;
    }

    /// <summary>The session cookie of an Ops user, for reading back through the query API and the live feed.</summary>
    public static async Task<string> SignInAsync(string connectionString, Uri address)
    {
        var user = await TestUsers.CreateAsync(connectionString, Portal.Security.PortalRoles.Ops);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        return await TestUsers.SignInAsync(handler, address, user);
    }

    public static HttpClient Client(Uri address, TimeSpan timeout, string? cookie = null)
    {
        // Many clients at once: no per-host connection cap, so the portal and not the client decides what is refused.
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseCookies = false,
        };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = timeout };
        client.DefaultRequestHeaders.Add("X-Api-Key", IngestHostFixture.Key);
        if (cookie is not null) client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public static async Task<bool> IsHealthyAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        return (await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK;
    }

    /// <summary>The resident memory of a process in MiB, from /proc/PID/status (VmRSS).</summary>
    public static double ResidentMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) / 1024.0;
    }
}
