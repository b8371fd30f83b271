using System.CommandLine;
using System.CommandLine.Parsing;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Cli;

/// <summary>The command-line options, with their defaults and validation messages.</summary>
internal static class CliOptions
{
    public static readonly Option<Uri> Url = new("--url")
    {
        Description = "Portal base URL (native JSON, OTLP/HTTP, CloudEvents).",
        DefaultValueFactory = _ => new Uri("http://127.0.0.1:5080"),
        CustomParser = ParseUrl,
    };

    public static readonly Option<Uri?> GrpcUrl = new("--grpc-url")
    {
        Description = "Portal OTLP/gRPC URL, for --format otlp-grpc (default: the --url host on port 4317).",
        CustomParser = ParseUrl,
    };

    public static readonly Option<string> Key = new("--key")
    {
        Description = "Ingest API key, sent as X-Api-Key (default: the PORTAL_API_KEY environment variable).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PORTAL_API_KEY") ?? "",
    };

    public static readonly Option<string> Format = new("--format")
    {
        Description = "native | otlp-grpc | otlp-http",
        DefaultValueFactory = _ => "native",
    };

    public static readonly Option<double> Rate = new("--rate")
    {
        Description = "Transactions per second (about 10 spans and 12 log lines each); 0 = as fast as possible.",
        DefaultValueFactory = _ => 5,
    };

    public static readonly Option<int?> Duration = new("--duration") { Description = "Stop producing after this many seconds." };
    public static readonly Option<long?> Count = new("--count") { Description = "Stop producing after this many transactions." };
    public static readonly Option<int?> Seed = new("--seed") { Description = "Random seed; the same seed gives the same transactions (default: a fresh one)." };

    public static readonly Option<double> LateShare = new("--late-share")
    {
        Description = "Share of records delivered abnormally late (3..60 s).",
        DefaultValueFactory = _ => 0.01,
    };

    public static readonly Option<int> BatchSize = new("--batch-size") { Description = "Records per request.", DefaultValueFactory = _ => 500 };
    public static readonly Option<int> Concurrency = new("--concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 4 };
    public static readonly Option<bool> Gzip = new("--gzip") { Description = "Compress native and CloudEvents bodies." };
    public static readonly Option<bool> NoDisruptions = new("--no-disruptions") { Description = "No bursts, quiet instances, node restarts or deployments." };
    public static readonly Option<string[]> Faults = new("--fault")
    {
        Description = $"A fault injected at the start (repeatable): {FaultCommand.Syntax}. During the run, type the same on standard input.",
    };

    public static readonly Option<int> ProgressEvery = new("--progress") { Description = "Seconds between progress lines.", DefaultValueFactory = _ => 5 };

    static CliOptions()
    {
        Format.AcceptOnlyFromAmong("native", "otlp-grpc", "otlp-http");
        Key.Validators.Add(r => { if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>())) r.AddError("An API key is required: --key KEY or PORTAL_API_KEY."); });
        Rate.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or double.NaN) r.AddError("--rate must be 0 (as fast as possible) or positive."); });
        Duration.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is <= 0) r.AddError("--duration must be a positive number of seconds."); });
        Count.Validators.Add(r => { if (r.GetValueOrDefault<long?>() is <= 0) r.AddError("--count must be positive."); });
        LateShare.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 1 or double.NaN) r.AddError("--late-share must be within 0..1."); });
        BatchSize.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 10_000) r.AddError("--batch-size must be within 1..10000."); });
        Concurrency.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 256) r.AddError("--concurrency must be within 1..256."); });
        Faults.Validators.Add(r =>
        {
            foreach (var text in r.GetValueOrDefault<string[]>() ?? [])
                if (!FaultCommand.TryParse(text, out _, out var error)) r.AddError($"--fault \"{text}\": {error}.");
        });
        ProgressEvery.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--progress must be at least 1 second."); });
    }

    public static IEnumerable<Option> All =>
        [Url, GrpcUrl, Key, Format, Rate, Duration, Count, Seed, LateShare, BatchSize, Concurrency, Gzip, NoDisruptions, Faults, ProgressEvery];

    private static Uri? ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        result.AddError($"{(result.Parent as OptionResult)?.Option.Name ?? "URL"}: '{text}' is not an absolute http(s) URL such as http://127.0.0.1:5080.");
        return null;
    }
}
