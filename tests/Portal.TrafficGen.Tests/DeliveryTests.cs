using Portal.TrafficGen.Simulation;
using Portal.TrafficGen.Delivery;

namespace Portal.TrafficGen.Tests;

public sealed class DeliveryTests
{
    [Fact]
    public void With_default_settings_about_99_percent_of_records_arrive_within_3_s_and_none_after_60_s()
    {
        var generator = new TrafficGenerator(new TrafficOptions { Seed = 11, Disruptions = false });
        var delays = Enumerable.Range(0, 4000).SelectMany(_ => generator.Schedule(generator.Next(DateTime.UtcNow))).Select(o => o.Delay).ToList();

        var inTime = delays.Count(d => d <= TimeSpan.FromSeconds(3)) / (double)delays.Count;
        Assert.InRange(inTime, 0.985, 0.995);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(60)));
        Assert.Contains(delays, d => d > TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void The_late_share_is_configurable()
    {
        var generator = new TrafficGenerator(new TrafficOptions { Seed = 11, Disruptions = false, LateShare = 0.2 });
        var delays = Enumerable.Range(0, 2000).SelectMany(_ => generator.Schedule(generator.Next(DateTime.UtcNow))).Select(o => o.Delay).ToList();
        Assert.InRange(delays.Count(d => d > TimeSpan.FromSeconds(3)) / (double)delays.Count, 0.18, 0.22);
    }

    [Fact]
    public void A_quiet_instance_holds_its_records_until_it_speaks_again()
    {
        var start = Samples.Start;
        var schedule = new DisruptionSchedule(5, start, enabled: true);
        var during = start.AddSeconds(50);
        var quiet = BankTopology.AllInstances
            .Single(i => schedule.QuietUntil(i, during) is not null);
        Assert.Equal(start.AddSeconds(65), schedule.QuietUntil(quiet, during));
        Assert.Null(schedule.QuietUntil(quiet, start.AddSeconds(70)));
    }

    [Fact]
    public void Node_restarts_and_deployments_become_cloud_events()
    {
        var start = Samples.Start;
        var schedule = new DisruptionSchedule(5, start, enabled: true);
        var (events, logs) = schedule.Between(start, start.AddMinutes(5));
        Assert.Contains(events, e => e.Type == "com.bank.platform.NodeDown");
        Assert.Contains(events, e => e.Type == "com.bank.platform.NodeUp");
        Assert.Contains(events, e => e.Type == "com.bank.platform.Deployment");
        Assert.Contains(logs, l => l.Message.StartsWith("Starting "));
        var down = events.First(e => e.Type == "com.bank.platform.NodeDown");
        Assert.True(schedule.IsDown(down.Subject!, down.Time.AddSeconds(1)));
    }

    [Fact]
    public void Delay_queue_releases_records_in_due_order_and_only_when_due()
    {
        var queue = new DelayQueue();
        var t = Samples.Start;
        var events = new[] { 3, 1, 2 }.Select(s => new Outgoing(t.AddSeconds(s), null, null, new($"e{s}", "/s", "t", t, null, "{}"))).ToList();
        queue.AddRange(events);
        Assert.Empty(queue.TakeDue(t, 10));
        Assert.Equal(["e1", "e2"], queue.TakeDue(t.AddSeconds(2), 10).Select(o => o.Event!.Id));
        Assert.Equal(1, queue.Count);
    }
}
