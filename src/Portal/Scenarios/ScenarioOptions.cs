using Portal.Core.Topology;

namespace Portal.Scenarios;

/// <summary>Settings of scenario discovery and topology inference (section Portal:Scenarios).</summary>
public sealed class ScenarioOptions
{
    public const string Section = "Portal:Scenarios";

    /// <summary>How often the inference job runs. Default one minute.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back the job looks for root spans and samples traces. Default 15 minutes.</summary>
    public TimeSpan SampleWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The most traces sampled per scenario (the newest ones). Default 2,000.</summary>
    public int MaxTraces { get; set; } = 2000;

    /// <summary>Traces below which a topology is never published automatically (see <see cref="TopologyOptions.MinTraces"/>).</summary>
    public int MinTraces { get; set; } = TopologyOptions.Default.MinTraces;

    /// <summary>Confidence from which a topology is published without an admin (see <see cref="TopologyOptions.PublishConfidence"/>).</summary>
    public double PublishConfidence { get; set; } = TopologyOptions.Default.PublishConfidence;

    /// <summary>The trailing span the live flow figures cover. Default one minute.</summary>
    public TimeSpan FlowWindow { get; set; } = TimeSpan.FromMinutes(1);

    public TopologyOptions Topology => TopologyOptions.Default with { MinTraces = MinTraces, PublishConfidence = PublishConfidence };
}
