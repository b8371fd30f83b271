namespace Portal.Tests.Reliability;

/// <summary>
/// The reliability tests start whole portals, kill them, stop PostgreSQL and load the machine: they run one after the
/// other and alone, so that one test's load does not distort another's timings.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyCollection
{
    public const string Name = "Reliability (heavy, run alone)";
}
