namespace Portal.Bench.Data;

/// <summary>
/// Pre-encoded request bodies of one format, on disk for wrk (the bodies back to back, and a ".idx" file with their
/// lengths) and in memory for the C# clients. Each body holds <see cref="SpansPerBody"/> spans never sent before.
/// </summary>
public sealed class BodySet : IDisposable
{
    public const int SpansPerBody = 500;

    private BodySet(WireFormat format, string path, List<byte[]> bodies)
    {
        Format = format;
        Path = path;
        Bodies = bodies;
    }

    public WireFormat Format { get; }
    public string Path { get; }
    public List<byte[]> Bodies { get; }
    public long Bytes => Bodies.Sum(b => (long)b.Length);

    /// <summary><paramref name="count"/> bodies of spans starting around now (within a second), written to a temporary file.</summary>
    public static BodySet Create(WireFormat format, int count, int seed)
    {
        var traffic = new SyntheticTraffic(seed);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portal-bench-{Environment.ProcessId}-{seed}.bodies");
        var bodies = new List<byte[]>(count);
        var start = DateTime.UtcNow;
        using (var data = File.Create(path))
        using (var index = new StreamWriter(path + ".idx"))
        {
            for (var i = 0; i < count; i++)
            {
                var body = format.Encode(traffic.Spans(SpansPerBody, start, TimeSpan.FromSeconds(1)));
                data.Write(body);
                index.WriteLine(body.Length);
                bodies.Add(body);
            }
        }
        return new BodySet(format, path, bodies);
    }

    public void Dispose()
    {
        File.Delete(Path);
        File.Delete(Path + ".idx");
    }
}
