namespace Portal.Bench.Infra;

/// <summary>
/// The real portal as a separate process (the tests' <see cref="Testing.PortalProcess"/>: <c>dotnet exec Portal.dll</c>
/// of the build this program references) on a free loopback port, its own database and an ingest key; the OTLP/gRPC port
/// is off. Exposes its peak memory and a signed-in session for reads.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly Testing.PortalProcess _process;

    private PortalServer(Testing.PortalProcess process) => _process = process;

    public Uri Address => _process.Address;

    /// <summary>The session cookie of the Ops user the benchmarks read with.</summary>
    public string Cookie { get; private set; } = "";

    /// <summary>A client that reads with that session.</summary>
    public HttpClient ReadClient(TimeSpan timeout)
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Address, Timeout = timeout };
        http.DefaultRequestHeaders.Add("Cookie", Cookie);
        return http;
    }

    public static async Task<PortalServer> StartAsync(string connectionString, IngestKey key, IReadOnlyDictionary<string, string?>? settings = null,
        TimeSpan? readyWithin = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Portal"] = connectionString,
            // Request logging at Information would measure the console, not the portal.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in key.Environment) environment[name] = value;
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>()) environment[name] = value;
        var server = new PortalServer(Testing.PortalProcess.Start(environment));
        await server._process.WaitUntilReadyAsync(readyWithin ?? TimeSpan.FromSeconds(60));
        // Reads (query API, live feed) need a session like a person's: an Ops user signed in through the sign-in page.
        var user = await Testing.TestUsers.CreateAsync(connectionString, Security.PortalRoles.Ops);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        server.Cookie = await Testing.TestUsers.SignInAsync(handler, server.Address, user);
        return server;
    }

    /// <summary>The CPU time the process has used so far, in seconds.</summary>
    public double CpuSeconds() => ProcCpu.Seconds(_process.Id);

    /// <summary>The process's peak resident memory so far (VmHWM), in MiB.</summary>
    public double PeakRssMiB() => ProcStatus.KiloBytes(_process.Id, "VmHWM") / 1024.0;

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
