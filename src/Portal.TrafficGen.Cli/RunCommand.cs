using System.CommandLine;
using Portal.TrafficGen.Running;
using Portal.TrafficGen.Senders;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Cli;

/// <summary>Checks the portal, runs the traffic and prints a progress line every few seconds, then a summary.</summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var url = parse.GetValue(CliOptions.Url)!;
        var format = parse.GetValue(CliOptions.Format) switch
        {
            "otlp-grpc" => TelemetryFormat.OtlpGrpc,
            "otlp-http" => TelemetryFormat.OtlpHttp,
            _ => TelemetryFormat.Native,
        };
        var sender = new SenderOptions(url, parse.GetValue(CliOptions.Key)!)
        {
            Format = format,
            GrpcUrl = parse.GetValue(CliOptions.GrpcUrl) ?? new UriBuilder(url) { Port = 4317, Path = "" }.Uri,
            BatchSize = parse.GetValue(CliOptions.BatchSize),
            Concurrency = parse.GetValue(CliOptions.Concurrency),
            Gzip = parse.GetValue(CliOptions.Gzip),
        };
        var seed = parse.GetValue(CliOptions.Seed) ?? Random.Shared.Next();
        var traffic = new TrafficOptions
        {
            Seed = seed,
            Rate = parse.GetValue(CliOptions.Rate),
            Count = parse.GetValue(CliOptions.Count),
            Duration = parse.GetValue(CliOptions.Duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            LateShare = parse.GetValue(CliOptions.LateShare),
            Disruptions = !parse.GetValue(CliOptions.NoDisruptions),
        };

        if (await PortalProbe.CheckAsync(sender, ct) is { } problem)
        {
            Console.Error.WriteLine(problem);
            return 2;
        }

        var stats = new TrafficStats();
        await using var transport = SenderFactory.Create(sender, stats);
        var runner = new TrafficRunner(traffic, transport, sender.BatchSize, sender.Concurrency, stats);
        Console.WriteLine($"Sending {format} to {(format == TelemetryFormat.OtlpGrpc ? sender.GrpcUrl : url)}: " +
                          $"rate {(traffic.Rate == 0 ? "max" : $"{traffic.Rate}/s")}, seed {seed}, late share {traffic.LateShare}");

        foreach (var text in parse.GetValue(CliOptions.Faults) ?? [])
            if (FaultCommand.TryParse(text, out var fault, out _)) FaultConsole.Inject(fault!, runner.Generator);
        Console.WriteLine($"Type a fault to inject it while the run goes on: {FaultCommand.Syntax}.");
        using var stopListening = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _ = FaultConsole.ListenAsync(runner.Generator, stopListening.Token);

        var run = runner.RunAsync(ct);
        var first = runner.Snapshot();
        var previous = first;
        var every = TimeSpan.FromSeconds(parse.GetValue(CliOptions.ProgressEvery));
        while (await Task.WhenAny(run, Task.Delay(every, CancellationToken.None)) != run)
        {
            var now = runner.Snapshot();
            Console.WriteLine(now.Describe(previous, runner.Generator.StartedAt));
            previous = now;
        }
        await run;
        await stopListening.CancelAsync();

        var last = runner.Snapshot();
        Console.WriteLine(last.Describe(previous, runner.Generator.StartedAt));
        Console.WriteLine(FormattableString.Invariant(
            $"Done: {last.SpansSent:N0} spans, {last.LogsSent:N0} logs, {last.EventsSent:N0} events in {(last.At - first.At).TotalSeconds:0.0} s = {last.SpansPerSecondSince(first):N0} spans/s, {last.SentPerSecondSince(first):N0} records/s; acknowledged {last.Acknowledged:N0}, failed {last.Failed:N0}, retried {last.Retried:N0}."));
        if (last.LastError is { } error) Console.Error.WriteLine($"Last error: {error}");
        return last.Failed > 0 ? 1 : 0;
    }
}
