using System.Globalization;
using Portal.Core.Topology;

namespace Portal.Scenarios;

/// <summary>How figures read on graphs, tables and the flow feed: calls per second, success rate, p95.</summary>
public static class FigureText
{
    public static string Rate(Figures f) => f.Count == 0 ? "idle" : string.Create(CultureInfo.InvariantCulture, $"{f.RatePerSecond:0.##}/s");

    public static string Success(Figures f) => f.SuccessRate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{rate:0.##}%") : "—";

    public static string P95(Figures f) => f.P95Ms is { } ms ? string.Create(CultureInfo.InvariantCulture, $"{ms:0.#} ms") : "—";

    /// <summary>One line for a graph node: "12.5/s · 99.2% · p95 41 ms", or "idle".</summary>
    public static string Short(Figures f) => f.Count == 0 ? "idle" : $"{Rate(f)} · {Success(f)} · p95 {P95(f)}";

    public static Dictionary<string, string> Details(TopologyNodeKey key, Figures f) => new()
    {
        ["service"] = key.Service,
        ["endpoint"] = key.Endpoint,
        ["calls"] = f.Count.ToString("N0", CultureInfo.InvariantCulture),
        ["throughput"] = Rate(f),
        ["success rate"] = Success(f),
        ["p95"] = P95(f),
    };
}
