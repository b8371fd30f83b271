using System.Text.Json;
using Portal.Queries;

namespace Portal.Components.Telemetry;

/// <summary>Turns curve points into the JSON the chart module reads from data-series (epoch milliseconds, values or null).</summary>
public static class ChartData
{
    public static string Series(IReadOnlyList<SeriesPoint> points, params (string Name, Func<SeriesPoint, double?> Value)[] series) =>
        JsonSerializer.Serialize(series.Select(s => new
        {
            name = s.Name,
            points = points.Select(p => new object?[] { new DateTimeOffset(p.Start).ToUnixTimeMilliseconds(), s.Value(p) }),
        }));

    public static long BucketMs(Series series) => series.Points.Count > 1
        ? (long)(series.Points[1].Start - series.Points[0].Start).TotalMilliseconds
        : 1000;

    /// <summary>The newest point with traffic, for a gauge's first value before live updates arrive.</summary>
    public static SeriesPoint? Latest(Series series) => series.Points.LastOrDefault(p => p.Count > 0);
}
