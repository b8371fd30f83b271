using Portal.Bench;
using Portal.Bench.Infra;
using Portal.Bench.Ingest;

namespace Portal.Bench.Tests;

public sealed class IngestHarnessTests
{
    [Fact]
    public async Task The_smallest_ingest_versus_COPY_case_produces_figures()
    {
        await using var cluster = await BenchCluster.StartAsync();

        var figures = await IngestBenchmark.RunAsync(cluster, BenchSizes.Smoke, TextWriter.Null);

        var sustained = figures.Single(f => f.Name.StartsWith("ingest OTLP protobuf, sustained", StringComparison.Ordinal));
        Assert.True(sustained.Median > 0, "no span was acknowledged");
        Assert.True(sustained.Baseline > 0, "the COPY baseline measured nothing");
        Assert.Contains(figures, f => f.Unit == "MiB" && f.Median > 0);
    }
}
