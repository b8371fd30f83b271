namespace Portal.Bench.Infra;

/// <summary>Reads a "Name:   N kB" line of /proc/PID/status (Linux).</summary>
public static class ProcStatus
{
    public static long KiloBytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
            return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]);
        }
        throw new InvalidOperationException($"/proc/{pid}/status has no {field}.");
    }
}
