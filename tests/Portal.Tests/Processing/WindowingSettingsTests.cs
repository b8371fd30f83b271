using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Windowing;
using Portal.Processing;

namespace Portal.Tests.Processing;

/// <summary>One configuration section, <c>Portal:Windowing</c>, sets both the engine's settings and the host's.</summary>
public sealed class WindowingSettingsTests(WindowingHostFixture host) : IClassFixture<WindowingHostFixture>
{
    [Fact]
    public void The_windowing_section_sets_the_engine_and_the_host()
    {
        var engine = host.Factory.Services.GetRequiredService<IOptions<WindowEngineOptions>>().Value;
        var windowing = host.Factory.Services.GetRequiredService<IOptions<WindowingOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(1), engine.OutOfOrderness);
        Assert.Equal(TimeSpan.FromSeconds(2), engine.AllowedLateness);
        Assert.Equal(TimeSpan.FromSeconds(3), engine.SourceIdleTimeout);
        Assert.Equal(new WindowEngineOptions().MinOutOfOrderness, engine.MinOutOfOrderness);
        Assert.Equal(TimeSpan.FromMilliseconds(100), windowing.TickInterval);
    }
}
