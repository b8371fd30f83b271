using Portal.Core.Topology;

namespace Portal.Core.Tests.Topology;

public class WilsonScoreTests
{
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3 (Wilson score, no
    // continuity correction), and textbook values for 5/10, 8/8 and 500/500 at 95%.
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    [InlineData(5, 10, 0.2366, 0.7634)]
    [InlineData(8, 8, 0.6756, 1.0)]
    [InlineData(500, 500, 0.9924, 1.0)]
    public void BoundsMatchPublishedValues(int successes, int trials, double lower, double upper)
    {
        Assert.Equal(lower, WilsonScore.LowerBound(successes, trials), 4);
        Assert.Equal(upper, WilsonScore.UpperBound(successes, trials), 4);
    }

    [Fact]
    public void AllSuccessesGiveNOverNPlusZSquared()
    {
        foreach (var n in new[] { 1, 8, 30, 500, 10_000 })
            Assert.Equal(n / (n + 1.96 * 1.96), WilsonScore.LowerBound(n, n), 12);
    }

    [Fact]
    public void NoTrialsGiveTheWholeInterval()
    {
        Assert.Equal(0, WilsonScore.LowerBound(0, 0));
        Assert.Equal(1, WilsonScore.UpperBound(0, 0));
    }

    [Fact]
    public void AWiderIntervalAtHigherConfidence()
    {
        Assert.True(WilsonScore.LowerBound(40, 50, z: 2.576) < WilsonScore.LowerBound(40, 50, z: 1.96));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonScore.LowerBound(6, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonScore.LowerBound(-1, 5));
    }
}
