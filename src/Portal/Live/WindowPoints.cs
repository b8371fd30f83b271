using Portal.Core.Windowing;

namespace Portal.Live;

/// <summary>Turns a window aggregate into the chart series the pages draw: throughput, success rate, latency percentiles.</summary>
public static class WindowPoints
{
    public static IEnumerable<LivePoint> From(WindowResult result, TimeSpan windowSize)
    {
        var t = new DateTimeOffset(result.WindowStart).ToUnixTimeMilliseconds();
        var a = result.Aggregate;
        var correction = result.Kind == WindowResultKind.Correction;
        yield return new("throughput", t, a.Count / windowSize.TotalSeconds, correction);
        yield return new("errors", t, a.Errors, correction);
        yield return new("successRate", t, a.Count == 0 ? null : Math.Round(a.SuccessRate * 100, 3), correction);
        yield return new("p50", t, Milliseconds(a.Quantile(0.50)), correction);
        yield return new("p95", t, Milliseconds(a.Quantile(0.95)), correction);
        yield return new("p99", t, Milliseconds(a.Quantile(0.99)), correction);
    }

    public static double? Milliseconds(double micros) => double.IsNaN(micros) ? null : Math.Round(micros / 1000, 3);
}
