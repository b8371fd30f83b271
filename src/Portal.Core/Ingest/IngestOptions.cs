namespace Portal.Core.Ingest;

/// <summary>How payloads are mapped to records: the limits and the attribute that names a span's business scenario.</summary>
public sealed record IngestOptions
{
    public static IngestOptions Default { get; } = new();

    public IngestLimits Limits { get; init; } = IngestLimits.Default;

    /// <summary>
    /// Attribute holding the business scenario code, looked up on the span and then on its resource.
    /// Without it a root span's scenario is its own endpoint. Default <c>business.scenario</c>.
    /// </summary>
    public string ScenarioAttribute { get; init; } = "business.scenario";
}
