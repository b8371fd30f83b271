using Portal.Testing;

namespace Portal.Tests.Processing;

/// <summary>Seed 004's mechanism end to end: a first result, a correction when a late record arrives, then the final.</summary>
public sealed class LateDataCorrectionTests(WindowingHostFixture host) : IClassFixture<WindowingHostFixture>
{
    [Fact]
    public async Task A_late_record_corrects_its_true_window_over_the_live_feed()
    {
        var service = $"svc{Guid.NewGuid():N}"[..12];
        const string instance = "late-test-1";
        using var client = host.CreateClient();
        await using var live = await LiveFeedClient.ConnectAsync(host.BaseAddress, host.OpsCookie);
        await live.InvokeAsync("Subscribe", (object)new[] { $"service:{service}" });

        var window = DateTime.UtcNow.AddSeconds(-0.5);
        window = new DateTime(window.Ticks - window.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        var windowMs = new DateTimeOffset(window).ToUnixTimeMilliseconds();
        await NativeCalls.SendAsync(client, NativeCalls.Record(service, instance, window.AddMilliseconds(100)));

        // Keeps the instance's watermark moving, as a busy instance would, with records of another service.
        using var stopFiller = new CancellationTokenSource();
        var filler = Task.Run(async () =>
        {
            while (!stopFiller.IsCancellationRequested)
            {
                await NativeCalls.SendAsync(client, NativeCalls.Record($"filler{service}", instance, DateTime.UtcNow));
                await Task.Delay(200);
            }
        });

        try
        {
            var first = await WaitForPointAsync(live, service, windowMs, correction: false);
            Assert.Equal(1, first.GetProperty("v").GetDouble());

            await NativeCalls.SendAsync(client, NativeCalls.Record(service, instance, window.AddMilliseconds(700)));
            var corrected = await WaitForPointAsync(live, service, windowMs, correction: true);
            Assert.Equal(2, corrected.GetProperty("v").GetDouble());

            // Once final, the stored curve holds both records in their true window and nothing elsewhere.
            await Eventually.TrueAsync(async () => await NativeCalls.CountAsync(client, service, window, window.AddSeconds(1)) == 2, TimeSpan.FromSeconds(20));
            Assert.Equal(2, await NativeCalls.CountAsync(client, service, window.AddMinutes(-5), window.AddMinutes(5)));
        }
        finally
        {
            await stopFiller.CancelAsync();
            await filler;
        }
    }

    [Fact]
    public async Task A_record_later_than_the_allowed_lateness_is_stored_as_a_delta_for_its_true_window()
    {
        var service = $"svc{Guid.NewGuid():N}"[..12];
        using var client = host.CreateClient();
        var window = DateTime.UtcNow.AddSeconds(-40);
        window = new DateTime(window.Ticks - window.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

        await NativeCalls.SendAsync(client, NativeCalls.Record(service, "very-late-1", window.AddMilliseconds(300), durationMs: 40));

        await Eventually.TrueAsync(async () => await NativeCalls.CountAsync(client, service, window, window.AddSeconds(1)) == 1, TimeSpan.FromSeconds(20));
        Assert.Equal(0, await NativeCalls.CountAsync(client, service, window.AddSeconds(1), window.AddMinutes(2)));
    }

    private static async Task<System.Text.Json.JsonElement> WaitForPointAsync(LiveFeedClient live, string service, long windowMs, bool correction)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var update = await live.NextUpdateAsync($"service:{service}", deadline - DateTime.UtcNow);
            foreach (var point in update.GetProperty("points").EnumerateArray())
            {
                if (point.GetProperty("series").GetString() == "throughput" && point.GetProperty("t").GetInt64() == windowMs
                    && point.GetProperty("correction").GetBoolean() == correction)
                {
                    return point;
                }
            }
        }
    }
}
