namespace Portal.Core.Topology;

/// <summary>Thresholds of topology inference and of the publish / pending decision.</summary>
public sealed record TopologyOptions
{
    public static readonly TopologyOptions Default = new();

    /// <summary>
    /// Traces below which a topology is never published automatically. The topology's confidence is also scaled by
    /// min(1, traces / MinTraces), so a thin sample reads as low confidence. Default 30.
    /// </summary>
    public int MinTraces { get; init; } = 30;

    /// <summary>Confidence at or above which a topology (and an added main-path edge) is published without an admin. Default 0.9.</summary>
    public double PublishConfidence { get; init; } = 0.9;

    /// <summary>Support from which a new edge enters the main path (when it is not error- or retry-driven). Default 0.5.</summary>
    public double MainPathSupport { get; init; } = 0.5;

    /// <summary>
    /// Support below which an edge is always sporadic. Between this and <see cref="MainPathSupport"/> an edge stays on the
    /// main path only if it is on the main path of the published version (hysteresis: a branch whose share wobbles
    /// around <see cref="MainPathSupport"/> does not flap in and out of the graph). Default 0.2.
    /// </summary>
    public double SporadicSupport { get; init; } = 0.2;

    /// <summary>
    /// An edge whose traces failed at least this often is an error path (sporadic), provided the scenario as a whole
    /// fails less often than this (otherwise failures say nothing about a particular edge). Default 0.8.
    /// </summary>
    public double ErrorPathShare { get; init; } = 0.8;

    /// <summary>An edge below <see cref="MainPathSupport"/> whose traces repeat it under one caller span at least this often is a retry path. Default 0.5.</summary>
    public double RetryShare { get; init; } = 0.5;

    /// <summary>The normal quantile of the Wilson score interval: 1.96 for a two-sided 95% interval.</summary>
    public double Z { get; init; } = 1.96;

    /// <summary>Equal-width time slices that <see cref="TopologyInference.Infer(string, IEnumerable{IReadOnlyList{Records.SpanRecord}}, DateTime, TopologyOptions?, InferredTopology?)"/> cuts the sample into. Default 5.</summary>
    public int SliceCount { get; init; } = 5;

    /// <summary>A main-path edge whose confidence moved at least this much is listed in <see cref="TopologyDiff.ChangedEdges"/>. Default 0.05.</summary>
    public double ConfidenceChange { get; init; } = 0.05;

    internal void Validate()
    {
        if (MinTraces < 1) throw new ArgumentOutOfRangeException(nameof(MinTraces), "At least one trace.");
        if (SliceCount < 1) throw new ArgumentOutOfRangeException(nameof(SliceCount), "At least one slice.");
        if (!(Z > 0)) throw new ArgumentOutOfRangeException(nameof(Z), "Z is positive.");
        if (!(SporadicSupport >= 0 && SporadicSupport <= MainPathSupport && MainPathSupport <= 1))
            throw new ArgumentOutOfRangeException(nameof(MainPathSupport), "Need 0 ≤ SporadicSupport ≤ MainPathSupport ≤ 1.");
    }
}
