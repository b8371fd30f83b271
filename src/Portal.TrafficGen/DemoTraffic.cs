using Portal.TrafficGen.Running;
using Portal.TrafficGen.Senders;

namespace Portal.TrafficGen;

/// <summary>
/// The host's demo mode: a gentle, endless stream of bank traffic into the portal itself.
/// <code>
/// var demo = DemoTraffic.Create(new DemoTrafficOptions(new Uri("http://127.0.0.1:5080"), apiKey) { Rate = 5 });
/// await demo.RunAsync(stoppingToken);                       // until cancelled; returns normally then
/// demo.Generator.InjectFault("payments", FaultKind.Slow, TimeSpan.FromMinutes(1));   // from anywhere, any time
/// </code>
/// </summary>
public sealed class DemoTraffic : IAsyncDisposable
{
    private readonly ITelemetrySender _sender;
    private readonly TrafficRunner _runner;

    private DemoTraffic(DemoTrafficOptions options)
    {
        var sender = new SenderOptions(options.BaseUrl, options.ApiKey)
        {
            Format = options.Format,
            GrpcUrl = options.GrpcUrl,
            BatchSize = 200,
            Concurrency = 2,
        };
        _sender = SenderFactory.Create(sender, new TrafficStats());
        _runner = new TrafficRunner(new TrafficOptions { Seed = options.Seed ?? Random.Shared.Next(), Rate = options.Rate },
            _sender, sender.BatchSize, sender.Concurrency);
    }

    public static DemoTraffic Create(DemoTrafficOptions options) => new(options);

    /// <summary>Shorthand: native JSON (or OTLP/gRPC when <paramref name="grpcUrl"/> is given) until <paramref name="ct"/> is cancelled.</summary>
    public static async Task RunAsync(Uri baseUrl, Uri? grpcUrl, string apiKey, double rate, CancellationToken ct)
    {
        await using var demo = Create(new DemoTrafficOptions(baseUrl, apiKey)
        {
            GrpcUrl = grpcUrl,
            Format = grpcUrl is null ? TelemetryFormat.Native : TelemetryFormat.OtlpGrpc,
            Rate = rate,
        });
        await demo.RunAsync(ct);
    }

    public TrafficGenerator Generator => _runner.Generator;
    public TrafficStats Stats => _runner.Stats;

    public Task RunAsync(CancellationToken ct) => _runner.RunAsync(ct);

    public ValueTask DisposeAsync() => _sender.DisposeAsync();
}

/// <summary>Settings of the demo traffic: where to send, with which key, how much. A null seed picks a fresh one.</summary>
public sealed record DemoTrafficOptions(Uri BaseUrl, string ApiKey)
{
    public Uri? GrpcUrl { get; init; }
    public TelemetryFormat Format { get; init; } = TelemetryFormat.Native;
    public double Rate { get; init; } = 5;
    public int? Seed { get; init; }
}
