using Portal.Bench;
using Portal.Bench.Topology;

namespace Portal.Bench.Tests;

public sealed class InferenceHarnessTests
{
    [Fact]
    public void The_inference_benchmark_infers_the_scenario_and_times_it()
    {
        var figures = InferenceBenchmark.Run(BenchSizes.Smoke with { InferenceTraces = 500 }, TextWriter.Null);

        var figure = Assert.Single(figures);
        Assert.True(figure.Median > 0, "no time was measured");
        Assert.Contains("500 traces", figure.Name, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 main-path", figure.Note, StringComparison.Ordinal);
    }
}
