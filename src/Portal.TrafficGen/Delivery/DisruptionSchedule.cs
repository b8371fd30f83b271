using System.Text.Json;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Delivery;

/// <summary>
/// Periodic disorder, laid out from the seed relative to the run's start: traffic bursts, an instance that goes quiet
/// (its records are held until it speaks again), a node restart (NodeDown, no traffic, NodeUp) and deployments.
/// Every question is answered from the window index alone, so the schedule is pure and repeatable.
/// </summary>
public sealed class DisruptionSchedule(int seed, DateTime startedAt, bool enabled)
{
    private static readonly Window Burst = new(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5), 1);
    private static readonly Window Quiet = new(TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(150), TimeSpan.FromSeconds(20), 2);
    private static readonly Window Down = new(TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(210), TimeSpan.FromSeconds(15), 3);
    private static readonly Window Deploy = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(240), TimeSpan.Zero, 4);

    public const double BurstFactor = 4;

    public double RateFactor(DateTime at) => enabled && Burst.IndexAt(startedAt, at) is not null ? BurstFactor : 1;

    /// <summary>When the instance is quiet at that moment, the end of its silence.</summary>
    public DateTime? QuietUntil(string instance, DateTime at) =>
        enabled && Quiet.IndexAt(startedAt, at) is { } k && InstanceOf(Quiet, k) == instance ? Quiet.EndOf(startedAt, k) : null;

    public bool IsDown(string instance, DateTime at) =>
        enabled && Down.IndexAt(startedAt, at) is { } k && InstanceOf(Down, k) == instance;

    /// <summary>The system events (and deployment log lines) whose moment falls in [from, to).</summary>
    public (List<SimEvent> Events, List<SimLog> Logs) Between(DateTime from, DateTime to)
    {
        var events = new List<SimEvent>();
        var logs = new List<SimLog>();
        if (!enabled) return (events, logs);
        foreach (var k in Down.StartsBetween(startedAt, from, to))
            events.Add(NodeEvent("NodeDown", k, Down.StartOf(startedAt, k)));
        foreach (var k in Down.EndsBetween(startedAt, from, to))
            events.Add(NodeEvent("NodeUp", k, Down.EndOf(startedAt, k)));
        foreach (var k in Deploy.StartsBetween(startedAt, from, to))
            Deployment(k, Deploy.StartOf(startedAt, k), events, logs);
        return (events, logs);
    }

    private string InstanceOf(Window window, long k) =>
        new Random(Seeds.Mix(seed, window.Salt * 1_000_003 + k)).Pick(BankTopology.AllInstances);

    private SimEvent NodeEvent(string type, long k, DateTime at)
    {
        var instance = InstanceOf(Down, k);
        var data = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["service"] = BankTopology.ServiceOf(instance), ["instance"] = instance,
            ["reason"] = type == "NodeDown" ? "health check failed 3 times" : "health check passing",
        });
        return new($"{type}-{instance}-{at:yyyyMMddHHmmss}", "/bank/registry", $"com.bank.platform.{type}", at, instance, data);
    }

    private void Deployment(long k, DateTime at, List<SimEvent> events, List<SimLog> logs)
    {
        var random = new Random(Seeds.Mix(seed, Deploy.Salt * 1_000_003 + k));
        var service = random.Pick(BankTopology.Services);
        var version = $"2.{random.Next(3, 9)}.{k}";
        var data = JsonSerializer.Serialize(new Dictionary<string, string> { ["service"] = service, ["version"] = version, ["strategy"] = "rolling" });
        events.Add(new($"deploy-{service}-{version}-{at:yyyyMMddHHmmss}", "/bank/deployments", "com.bank.platform.Deployment", at, service, data));
        foreach (var instance in BankTopology.InstancesOf(service))
            logs.Add(new(at, at, service, instance, SimLogLevel.Info, $"Starting {service} version {version} on {instance}", null, null,
                [new("deployment.version", version)]));
    }

    /// <summary>Windows of a given length that open every <c>Every</c>, the first at <c>First</c> after the start.</summary>
    private sealed record Window(TimeSpan First, TimeSpan Every, TimeSpan Length, int Salt)
    {
        public DateTime StartOf(DateTime origin, long k) => origin + First + Every * k;
        public DateTime EndOf(DateTime origin, long k) => StartOf(origin, k) + Length;

        public long? IndexAt(DateTime origin, DateTime at)
        {
            var since = at - origin - First;
            if (since < TimeSpan.Zero) return null;
            var k = since.Ticks / Every.Ticks;
            return at < EndOf(origin, k) ? k : null;
        }

        public IEnumerable<long> StartsBetween(DateTime origin, DateTime from, DateTime to) => Between(origin, from, to, TimeSpan.Zero);
        public IEnumerable<long> EndsBetween(DateTime origin, DateTime from, DateTime to) => Between(origin, from, to, Length);

        private IEnumerable<long> Between(DateTime origin, DateTime from, DateTime to, TimeSpan offset)
        {
            var first = Math.Max(0, (long)Math.Ceiling((from - origin - First - offset) / Every));
            for (var k = first; StartOf(origin, k) + offset < to; k++) yield return k;
        }
    }
}
