using Portal.TrafficGen.Senders;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Same_seed_gives_the_same_transactions_byte_for_byte()
    {
        var first = Samples.Generate(42, 200);
        var second = Samples.Generate(42, 200);
        Assert.Equal(Serialise(first), Serialise(second));
    }

    [Fact]
    public void A_transaction_depends_on_its_serial_not_on_generation_order()
    {
        var simulation = new BankSimulation(42);
        var late = simulation.Generate(150, Samples.Start);
        var again = new BankSimulation(42).Generate(150, Samples.Start);
        Assert.Equal(Serialise([late]), Serialise([again]));
    }

    [Fact]
    public void Another_seed_gives_other_transactions()
    {
        Assert.NotEqual(Serialise(Samples.Generate(42, 50)), Serialise(Samples.Generate(43, 50)));
    }

    [Fact]
    public void Instance_clocks_are_skewed_within_200_ms_and_fixed_per_instance()
    {
        var clocks = new InstanceClocks(42, TimeSpan.FromMilliseconds(200));
        var skews = BankTopology.AllInstances.Select(clocks.SkewOf).ToList();
        Assert.All(skews, s => Assert.InRange(s.TotalMilliseconds, -200, 200));
        Assert.True(skews.Distinct().Count() > skews.Count / 2, "instances should not share one skew");

        var sampleClocks = new InstanceClocks(7, TimeSpan.FromMilliseconds(200));
        foreach (var span in Samples.Thousands.Value.SelectMany(t => t.Spans).Take(500))
            Assert.Equal(sampleClocks.SkewOf(span.Instance), span.ReportedStart - span.TrueStart);
    }

    private static string Serialise(List<Transaction> transactions) =>
        Convert.ToHexString(NativeJsonWriter.CallRecords([.. transactions.SelectMany(t => t.Spans)]))
        + Convert.ToHexString(NativeJsonWriter.Logs([.. transactions.SelectMany(t => t.Logs)]))
        + Convert.ToHexString(CloudEventsWriter.Batch([.. transactions.SelectMany(t => t.Events)]));
}
