using Portal.Tests.Ingest;

namespace Portal.Tests.Processing;

/// <summary>A host with short windowing timings so first results, corrections and finals happen within seconds.</summary>
public sealed class WindowingHostFixture : IngestHostFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Portal:Windowing:OutOfOrderness"] = "00:00:01",
        ["Portal:Windowing:AllowedLateness"] = "00:00:02",
        ["Portal:Windowing:SourceIdleTimeout"] = "00:00:03",
        ["Portal:Windowing:TickInterval"] = "00:00:00.100",
    };
}
