using System.CommandLine;
using Portal.Bench.Report;

namespace Portal.Bench;

/// <summary>
/// portal-bench: runs the benchmark suite of issue 7 and writes its table (bench/RESULTS.md by default). Not a top-level
/// program: the referenced Portal host already has a global Program class.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var quick = new Option<bool>("--quick") { Description = "Smallest sizes, one run each (under 2 minutes)." };
        var only = new Option<string[]>("--only")
        {
            Description = $"Run only these benchmarks: {string.Join(", ", BenchSuite.Names)}.",
            AllowMultipleArgumentsPerToken = true,
        };
        only.AcceptOnlyFromAmong(BenchSuite.Names);
        var output = new Option<FileInfo>("--output") { Description = "Where to write the Markdown table.", DefaultValueFactory = _ => new FileInfo("bench/RESULTS.md") };
        var querySpans = new Option<int?>("--query-spans") { Description = "Spans stored for the query benchmark (default 2,000,000)." };
        var queryLogs = new Option<int?>("--query-logs") { Description = "Log lines stored for the query benchmark (default 1,000,000)." };
        var ingestConnections = new Option<int[]>("--ingest-connections")
        {
            Description = "Connection counts of the ingest benchmark (default 4 16 64).",
            AllowMultipleArgumentsPerToken = true,
        };
        var ingestSeconds = new Option<int?>("--ingest-seconds")
        {
            Description = $"Length of each measured ingest run in seconds (default 6, at most {BenchSizes.MaxIngestSeconds}), with bodies enough for 300,000 spans/s throughout.",
        };
        var protobufOnly = new Option<bool>("--protobuf-only") { Description = "Ingest benchmark: OTLP protobuf only (with its COPY baseline), not the JSON formats." };
        var keepCluster = new Option<DirectoryInfo?>("--keep-cluster")
        {
            Description = "Keep the PostgreSQL cluster in this folder and reuse it: the query benchmark fills its database once and later runs measure the same rows.",
        };
        var root = new RootCommand("Runs the Portal's benchmarks and writes their figures as a Markdown table.") { quick, only, output, querySpans, queryLogs, ingestConnections, ingestSeconds, protobufOnly, keepCluster };
        root.Validators.Add(result =>
        {
            // wrk keeps every distinct body in memory; JSON bodies are about three times the size of protobuf ones.
            var most = result.GetValue(protobufOnly) ? BenchSizes.MaxIngestSeconds : BenchSizes.Full.IngestDuration.Seconds;
            if (result.GetValue(ingestSeconds) is { } seconds && (seconds < 1 || seconds > most))
                result.AddError($"--ingest-seconds must be 1-{most}{(most < BenchSizes.MaxIngestSeconds ? $" ({BenchSizes.MaxIngestSeconds} with --protobuf-only)" : "")}: wrk keeps every distinct body in memory.");
        });
        root.SetAction(async parse =>
        {
            var sizes = parse.GetValue(quick) ? BenchSizes.QuickSizes : BenchSizes.Full;
            sizes = sizes with
            {
                QuerySpans = parse.GetValue(querySpans) ?? sizes.QuerySpans,
                QueryLogs = parse.GetValue(queryLogs) ?? sizes.QueryLogs,
                IngestConnections = parse.GetValue(ingestConnections) is { Length: > 0 } connections ? connections : sizes.IngestConnections,
                IngestFormats = parse.GetValue(protobufOnly) ? [Data.WireFormat.OtlpProtobuf] : sizes.IngestFormats,
            };
            if (parse.GetValue(ingestSeconds) is { } seconds) sizes = sizes.WithIngestSeconds(seconds);
            var started = DateTime.UtcNow;
            var figures = await BenchSuite.RunAsync(sizes, parse.GetValue(only) ?? [], parse.GetValue(keepCluster), Console.Error);
            var table = ResultsWriter.Table(figures, started);
            var notes = figures.Where(f => f.Note is not null).Select(f => $"- **{f.Name}**: {f.Note}");
            var file = parse.GetValue(output)!;
            var existing = file.Exists ? await File.ReadAllTextAsync(file.FullName) : null;
            await File.WriteAllTextAsync(file.FullName, ResultsWriter.Merge(existing, table, notes, sizes, DateTime.UtcNow - started));
            Console.WriteLine(table);
            Console.Error.WriteLine($"Wrote {file.FullName} ({figures.Count} figures in {(DateTime.UtcNow - started).TotalMinutes:N1} min).");
            return 0;
        });
        return await root.Parse(args).InvokeAsync();
    }
}
