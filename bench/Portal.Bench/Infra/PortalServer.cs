using System.Diagnostics;
using System.Net;
using System.Text;

namespace Portal.Bench.Infra;

/// <summary>
/// The real portal as a separate process (<c>dotnet exec Portal.dll</c>, the build this program references) on a free
/// loopback port, its own database and an ingest key; the OTLP/gRPC port is off. Exposes its PID for peak memory.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PortalServer(Process process, Uri address)
    {
        _process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>The session cookie of the Ops user the benchmarks read with.</summary>
    public string Cookie { get; private set; } = "";

    /// <summary>A client that reads with that session.</summary>
    public HttpClient ReadClient(TimeSpan timeout)
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Address, Timeout = timeout };
        http.DefaultRequestHeaders.Add("Cookie", Cookie);
        return http;
    }
    public int Pid => _process.Id;
    public static string Dll => typeof(Program).Assembly.Location;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<PortalServer> StartAsync(string connectionString, IngestKey key, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{Testing.PortalProcess.FreePort()}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", Dll, "--urls", address.ToString().TrimEnd('/') }) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Portal"] = connectionString;
        start.Environment["Portal__Ingest__GrpcPort"] = "0";
        // Request logging at Information would measure the console, not the portal.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in key.Environment) start.Environment[name] = value;
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>()) start.Environment[name] = value;
        var server = new PortalServer(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), address);
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        // Reads (query API, live feed) need a session like a person's: an Ops user signed in through the sign-in page.
        var user = await Testing.TestUsers.CreateAsync(connectionString, Security.PortalRoles.Ops);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        server.Cookie = await Testing.TestUsers.SignInAsync(handler, address, user);
        return server;
    }

    /// <summary>The process's peak resident memory so far (VmHWM), in MiB.</summary>
    public double PeakRssMiB() => ProcStatus.KiloBytes(Pid, "VmHWM") / 1024.0;

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The portal exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not answering yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The portal was not ready within {timeout}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString()]).WaitForExit();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
