namespace Portal.Bench.Infra;

/// <summary>
/// CPU time used by processes, from /proc/PID/stat (Linux): user plus system time, in seconds. On two cores shared by
/// the portal and PostgreSQL, the CPU each spends per span says where a faster ingest has to come from.
/// </summary>
public static class ProcCpu
{
    // Linux reports these fields in clock ticks of 1/100 s (USER_HZ) on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static double Seconds(int pid) => Read($"/proc/{pid}/stat") ?? 0;

    /// <summary>CPU seconds spent between two readings, as microseconds per item done meanwhile.</summary>
    public static double MicrosPerItem(double secondsBefore, double secondsAfter, long items) =>
        (secondsAfter - secondsBefore) * 1e6 / Math.Max(1, items);

    /// <summary>
    /// All PostgreSQL server processes of the machine (the benchmark's cluster is the only one running), with the time of
    /// their children that ended: a backend or autovacuum worker that exits between two readings leaves the sum, and its
    /// time reappears in the postmaster's, which waited for it. Without it a difference of two sums can be negative.
    /// </summary>
    public static double PostgresSeconds() =>
        Directory.EnumerateDirectories("/proc")
            .Where(d => Path.GetFileName(d).All(char.IsAsciiDigit))
            .Select(d => Read(Path.Combine(d, "stat"), onlyCommand: "postgres", withEndedChildren: true) ?? 0)
            .Sum();

    private static double? Read(string path, string? onlyCommand = null, bool withEndedChildren = false)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command is in parentheses and may hold spaces; the fields after it are space-separated.
        var open = stat.IndexOf('(');
        var close = stat.LastIndexOf(')');
        if (onlyCommand is not null && stat[(open + 1)..close] != onlyCommand) return null;
        var fields = stat[(close + 2)..].Split(' ');
        // Fields 14 (utime) and 15 (stime) of proc(5), counted from the state field (3); 16 and 17 for children waited for.
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        if (withEndedChildren) ticks += long.Parse(fields[13]) + long.Parse(fields[14]);
        return ticks / TicksPerSecond;
    }
}
