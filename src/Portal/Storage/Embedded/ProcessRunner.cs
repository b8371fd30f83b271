using System.Diagnostics;

namespace Portal.Storage.Embedded;

/// <summary>Runs the PostgreSQL programs, as the <c>postgres</c> user when the portal runs as root (they refuse root).</summary>
internal static class ProcessRunner
{
    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> args, bool asPostgresUser, CancellationToken ct)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgresUser)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(a);
        }
        else
        {
            start.FileName = program;
        }
        foreach (var a in args) start.ArgumentList.Add(a);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }
}
