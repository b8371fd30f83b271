namespace Portal.Bench;

/// <summary>How big and how often each benchmark runs: the full suite (under 15 minutes) or --quick (under 2 minutes).</summary>
public sealed record BenchSizes
{
    public bool Quick { get; init; }
    /// <summary>Measured runs per figure; the table shows their median.</summary>
    public int Runs { get; init; } = 3;

    public Data.WireFormat[] IngestFormats { get; init; } = Data.WireFormat.All;
    public int[] IngestConnections { get; init; } = [4, 16, 64];
    public TimeSpan IngestDuration { get; init; } = TimeSpan.FromSeconds(6);
    /// <summary>An unmeasured wrk run per format before the measured ones (wrk counts whole seconds).</summary>
    public TimeSpan IngestWarmUp { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Distinct 500-span bodies per format: enough for 300,000 spans/s over a 6 s run before any is sent twice.</summary>
    public int BodiesPerFormat { get; init; } = 3_600;
    public int CopyBaselineRows { get; init; } = 400_000;
    public TimeSpan DecodeRunTime { get; init; } = TimeSpan.FromSeconds(1);

    public int WindowRecords { get; init; } = 4_000_000;

    /// <summary>Traces of the one scenario whose topology is inferred (the issue's size: 100,000).</summary>
    public int InferenceTraces { get; init; } = 100_000;

    /// <summary>How long the gauge latency is measured, after <see cref="GaugeWarmUp"/>.</summary>
    public TimeSpan GaugeDuration { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Traffic before the adaptive case is measured: each instance's delay estimate covers its last 30–60 s of arrivals,
    /// so after a minute the slow first requests of a fresh process (JIT, connection pool) no longer set its p99.
    /// </summary>
    public TimeSpan GaugeWarmUp { get; init; } = TimeSpan.FromSeconds(65);

    public TimeSpan AccuracyDuration { get; init; } = TimeSpan.FromSeconds(60);
    public double AccuracyTransactionsPerSecond { get; init; } = 200;

    public int QuerySpans { get; init; } = 2_000_000;
    public int QueryLogs { get; init; } = 1_000_000;
    public int QueryRepeats { get; init; } = 40;

    public static BenchSizes Full { get; } = new();

    public static BenchSizes QuickSizes { get; } = new()
    {
        Quick = true,
        Runs = 1,
        IngestConnections = [16],
        IngestDuration = TimeSpan.FromSeconds(2),
        IngestWarmUp = TimeSpan.FromSeconds(1),
        BodiesPerFormat = 400,
        CopyBaselineRows = 50_000,
        DecodeRunTime = TimeSpan.FromMilliseconds(300),
        WindowRecords = 400_000,
        InferenceTraces = 10_000,
        GaugeDuration = TimeSpan.FromSeconds(8),
        GaugeWarmUp = TimeSpan.FromSeconds(5),
        AccuracyDuration = TimeSpan.FromSeconds(10),
        AccuracyTransactionsPerSecond = 50,
        QuerySpans = 100_000,
        QueryLogs = 50_000,
        QueryRepeats = 10,
    };

    /// <summary>The smallest ingest-vs-COPY case, for the test that keeps the harness from rotting.</summary>
    public static BenchSizes Smoke { get; } = QuickSizes with
    {
        IngestFormats = [Data.WireFormat.OtlpProtobuf],
        IngestDuration = TimeSpan.FromSeconds(1),
        BodiesPerFormat = 40,
        CopyBaselineRows = 10_000,
        DecodeRunTime = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>The longest run whose bodies wrk was seen to hold: its Lua runtime keeps them all in memory (606 MiB of
    /// protobuf bodies at 15 s; at 60 s, 2.4 GiB, it stopped with "not enough memory").</summary>
    public const int MaxIngestSeconds = 15;

    /// <summary>Measured ingest runs of <paramref name="seconds"/> each, with a distinct body for every request at up to 300,000 spans/s.</summary>
    public BenchSizes WithIngestSeconds(int seconds) =>
        this with
        {
            IngestDuration = TimeSpan.FromSeconds(seconds),
            BodiesPerFormat = Math.Max(BodiesPerFormat, seconds * 300_000 / Data.BodySet.SpansPerBody),
        };

    /// <summary>The command that reproduces a figure.</summary>
    public static string Command(BenchSizes sizes, string benchmark)
    {
        var command = $"bash bench/run.sh{(sizes.Quick ? " --quick" : "")} --only {benchmark}";
        if (benchmark == "queries" && sizes.QuerySpans != Full.QuerySpans) command += $" --query-spans {sizes.QuerySpans} --query-logs {sizes.QueryLogs}";
        if (benchmark == "ingest" && !sizes.Quick && !sizes.IngestConnections.SequenceEqual(Full.IngestConnections))
            command += $" --ingest-connections {string.Join(' ', sizes.IngestConnections)}";
        if (benchmark == "ingest" && !sizes.Quick && sizes.IngestDuration != Full.IngestDuration) command += $" --ingest-seconds {sizes.IngestDuration.TotalSeconds:0}";
        if (benchmark == "ingest" && sizes.IngestFormats.Length == 1) command += " --protobuf-only";
        return command;
    }
}
