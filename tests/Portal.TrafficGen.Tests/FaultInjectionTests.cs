using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public void An_injected_failure_raises_the_services_error_rate_and_fails_its_callers()
    {
        var generator = new TrafficGenerator(new TrafficOptions { Seed = 3, Disruptions = false });
        var before = Spans(generator, "payments", 1500);
        generator.InjectFault("payments", FaultKind.Fail, TimeSpan.FromMinutes(5), 0.5);
        var during = Spans(generator, "payments", 1500);

        Assert.InRange(ErrorRate(before), 0, 0.05);
        Assert.InRange(ErrorRate(during), 0.4, 0.65);
        Assert.Contains(during, s => s.Attributes.Contains(new("fault.injected", true)) && s.ResultCode == "PAY-5002");
    }

    [Fact]
    public void An_injected_slow_down_multiplies_the_services_latency()
    {
        var generator = new TrafficGenerator(new TrafficOptions { Seed = 4, Disruptions = false });
        var before = Median(Spans(generator, "core-banking", 1500));
        generator.InjectFault("core-banking", FaultKind.Slow, TimeSpan.FromMinutes(5), 10);
        var during = Median(Spans(generator, "core-banking", 1500));
        Assert.InRange(during / before, 6, 14);
    }

    [Fact]
    public void A_fault_ends_after_its_duration_and_touches_only_its_service()
    {
        var board = new FaultBoard();
        var fault = board.Add("risk", FaultKind.Fail, 1, Samples.Start, TimeSpan.FromSeconds(10));
        Assert.Equal(1, FaultBoard.FailShare(board.Faults, "risk", Samples.Start.AddSeconds(5)));
        Assert.Equal(0, FaultBoard.FailShare(board.Faults, "risk", fault.Until));
        Assert.Equal(0, FaultBoard.FailShare(board.Faults, "payments", Samples.Start.AddSeconds(5)));
        Assert.Throws<ArgumentException>(() => board.Add("no-such-service", FaultKind.Slow, null, Samples.Start, TimeSpan.FromSeconds(1)));
    }

    private static List<SimSpan> Spans(TrafficGenerator generator, string service, int transactions)
    {
        var now = DateTime.UtcNow;
        return [.. Enumerable.Range(0, transactions).SelectMany(_ => generator.Next(now).Spans).Where(s => s.Service == service)];
    }

    private static double ErrorRate(List<SimSpan> spans) => spans.Count(s => !s.Success) / (double)spans.Count;

    private static double Median(List<SimSpan> spans) => spans.Select(s => s.DurationMs).Order().ElementAt(spans.Count / 2);
}
