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

    /// <summary>
    /// How far the start times move on from one body to the next: the bodies, sent in order, carry spans that started at
    /// the rate the target asks for (150,000 spans/s), as a live system's spans reach the portal in roughly the order they
    /// started. Each body still spreads its spans over a second, in random order, like an exporter's batch.
    /// </summary>
    private static readonly TimeSpan BodyStep = TimeSpan.FromSeconds(SpansPerBody / 150_000.0);

    /// <summary><paramref name="count"/> bodies of spans starting from <paramref name="start"/> on (see <see cref="BodyStep"/>), written to a temporary file.</summary>
    public static BodySet Create(WireFormat format, int count, int seed, DateTime start)
    {
        var traffic = new SyntheticTraffic(seed);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portal-bench-{Environment.ProcessId}-{seed}.bodies");
        var bodies = new List<byte[]>(count);
        using (var data = File.Create(path))
        using (var index = new StreamWriter(path + ".idx"))
        {
            for (var i = 0; i < count; i++)
            {
                var body = format.Encode(traffic.Spans(SpansPerBody, start + i * BodyStep, TimeSpan.FromSeconds(1)));
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
