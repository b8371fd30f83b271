namespace Portal.Bench.Report;

/// <summary>
/// One row of bench/RESULTS.md: a measured figure (median of <see cref="Runs"/> runs), and where it matters the
/// baseline measured in the same run and the ratio figure / baseline.
/// </summary>
public sealed record Figure(string Name, string Unit, double Median, int Runs, string Command)
{
    public double? Baseline { get; init; }
    public string? BaselineName { get; init; }
    /// <summary>The target of the issue, in words ("≥ 150,000"), and whether the figure meets it.</summary>
    public string? Target { get; init; }
    public bool? Met { get; init; }
    public string? Note { get; init; }

    public double? Ratio => Baseline is > 0 ? Median / Baseline : null;
}
