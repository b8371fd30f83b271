using System.Diagnostics;
using System.Globalization;
using Portal.Bench.Data;

namespace Portal.Bench.Ingest;

/// <summary>One wrk run (one thread, closed loop) posting a body set; its figures from the Lua script's done().</summary>
public static class WrkRunner
{
    public sealed record Result(long Requests, double Seconds, long Non2xx, long SocketErrors, long Repeated, double P50Ms, double P99Ms)
    {
        public long Acknowledged => Requests - Non2xx;
    }

    public static string Script => Path.Combine(AppContext.BaseDirectory, "wrk", "post-bodies.lua");

    public static string CommandLine(Uri url, int connections, TimeSpan duration) =>
        $"wrk -t1 -c{connections} -d{duration.TotalSeconds:0}s --latency -s post-bodies.lua {url} -- BODIES TYPE KEY";

    public static async Task<Result> RunAsync(Uri portal, BodySet bodies, string apiKey, int connections, TimeSpan duration)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "-t1", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--timeout", "30s", "--latency", "-s", Script,
                     new Uri(portal, bodies.Format.Path).ToString(), "--", bodies.Path, bodies.Format.ContentType, apiKey,
                 })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(duration + TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith("WRK_RESULT ", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"wrk printed no result (exit {process.ExitCode}): {await output}\n{await errors}");
        var fields = line["WRK_RESULT ".Length..].Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture));
        return new Result(fields["requests"], fields["duration_us"] / 1e6, fields["non2xx"], fields["socket_errors"], fields["repeated"],
            fields["p50_us"] / 1000.0, fields["p99_us"] / 1000.0);
    }
}
