using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Tests;

public sealed class FaultCommandTests
{
    [Theory]
    [InlineData("slow core-banking 10 90", "core-banking", FaultKind.Slow, 10.0, 90)]
    [InlineData("fail payments 0.5 60s", "payments", FaultKind.Fail, 0.5, 60)]
    [InlineData("FAIL payments 2m", "payments", FaultKind.Fail, null, 120)]
    [InlineData("  slow   risk  30  ", "risk", FaultKind.Slow, null, 30)]
    public void Commands_parse_into_service_kind_magnitude_and_duration(string text, string service, FaultKind kind, double? magnitude, int seconds)
    {
        Assert.True(FaultCommand.TryParse(text, out var command, out var error), error);
        Assert.Equal(new FaultCommand(service, kind, magnitude, TimeSpan.FromSeconds(seconds)), command);
    }

    [Theory]
    [InlineData("", "expected slow SERVICE")]
    [InlineData("break payments 60", "'break' is not a fault")]
    [InlineData("slow billing 60", "'billing' is not a service")]
    [InlineData("slow payments 0.5 60", "'0.5' is not a slow-down factor")]
    [InlineData("fail payments 1.5 60", "'1.5' is not a failure share")]
    [InlineData("fail payments NaN 60", "'NaN' is not a failure share")]
    [InlineData("fail payments 0.5 -3", "'-3' is not a duration")]
    [InlineData("fail payments 0.5 2h", "'2h' is not a duration")]
    [InlineData("fail payments 0.5 61m", "'61m' is not a duration")]
    public void A_wrong_word_is_named_in_the_error(string text, string expected)
    {
        Assert.False(FaultCommand.TryParse(text, out var command, out var error));
        Assert.Null(command);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_injected_command_makes_the_service_fail_from_now_on()
    {
        var generator = new TrafficGenerator(new TrafficOptions { Seed = 5, Disruptions = false });
        Assert.True(FaultCommand.TryParse("fail payments 1 60s", out var command, out _));

        var fault = command!.InjectInto(generator);

        Assert.Equal(1.0, FaultBoard.FailShare(generator.Faults.Faults, "payments", fault.From.AddSeconds(30)));
        Assert.Equal(0.0, FaultBoard.FailShare(generator.Faults.Faults, "payments", fault.Until));
    }
}
