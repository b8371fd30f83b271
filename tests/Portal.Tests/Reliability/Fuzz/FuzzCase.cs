namespace Portal.Tests.Reliability.Fuzz;

/// <summary>
/// One hostile request: where it goes, its bytes, and the ids it carried before mutation (trace ids of spans and log
/// lines, event ids), so that after the run a refused request can be shown to have stored nothing.
/// </summary>
public sealed record FuzzCase(string Name, string Path, string ContentType, byte[] Body)
{
    public bool Gzip { get; init; }
    public IReadOnlyList<string> TraceIds { get; init; } = [];
    public IReadOnlyList<string> EventIds { get; init; } = [];
    /// <summary>Unchanged valid payloads among the hostile ones: they must be accepted and stored.</summary>
    public bool Control { get; init; }
}
