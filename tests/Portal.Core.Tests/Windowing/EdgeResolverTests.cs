using Portal.Core.Records;
using Portal.Core.Windowing;

namespace Portal.Core.Tests.Windowing;

public class EdgeResolverTests
{
    /// <summary>
    /// Drives the resolver as the engine does (a child looks up its parent or waits; every span is remembered; found
    /// children are taken) under random spans, duplicates and generation turns, against a reference: each waiting child
    /// is resolved exactly once, with its parent's service, once that parent is remembered; a parent is known for two
    /// generations of remembered spans.
    /// </summary>
    [Theory]
    [InlineData(1, 64, 50)]
    [InlineData(2, 5_000, 2_000)]
    [InlineData(3, 200_000, 20_000)]
    public void ResolvesEachWaitingChildOnceWithItsParentsService(int seed, int idRange, int turnEvery)
    {
        var random = new Random(seed);
        var registry = new WindowKeyRegistry();
        var services = Enumerable.Range(0, 7).Select(i => registry.Service($"svc-{i}")).ToArray();
        // Waits never expire here: only remembered spans turn over (every turnEvery operations).
        var resolver = new EdgeResolver(new WindowEngineOptions { ParentWaitTimeout = TimeSpan.FromDays(1) }, registry);
        var rememberedIn = new Dictionary<ulong, (int Service, int Turn)>();
        var waiting = new Dictionary<ulong, List<long>>();
        // Children by serial: the service they must be resolved with, and the one they were.
        var expected = new Dictionary<long, int>();
        var actual = new Dictionary<long, int>();
        var turn = 0;
        long serial = 0, resolvedDirectly = 0;
        var now = 0L;

        for (var i = 0; i < 300_000; i++)
        {
            if (i % turnEvery == turnEvery - 1)
            {
                now += TimeSpan.FromMinutes(1).Ticks;
                resolver.Expire(now);
                turn++;
            }
            // Ids collide in probe runs; 0 is an ordinary id.
            var id = (ulong)random.Next(idRange) * 0x1_0000_0003UL;
            if (random.Next(2) == 0)
            {
                var parent = id;
                var child = new WaitingChild(services[random.Next(services.Length)], serial++, random.Next(1_000_000), random.Next(2_000), random.Next(2) == 0);
                var known = rememberedIn.TryGetValue(id, out var remembered) && remembered.Turn >= turn - 1;
                Assert.Equal(known, resolver.TryGetService(parent, out var caller));
                if (known)
                {
                    Assert.Equal(services[remembered.Service], caller);
                    resolvedDirectly++;
                    continue;
                }
                resolver.Wait(parent, child);
                if (!waiting.TryGetValue(id, out var list)) waiting[id] = list = [];
                list.Add(child.WindowIndex);
            }
            else
            {
                var service = random.Next(services.Length);
                resolver.Remember(id, services[service]);
                rememberedIn[id] = (service, turn);
                if (random.Next(4) == 0) resolver.TakeFound();
                foreach (var (caller, child) in resolver.Resolved) actual.Add(child.WindowIndex, caller.Ordinal);
                resolver.Resolved.Clear();
                if (waiting.Remove(id, out var children))
                    foreach (var child in children) expected.Add(child, services[service].Ordinal);
            }
        }
        resolver.TakeFound();
        foreach (var (caller, child) in resolver.Resolved) actual.Add(child.WindowIndex, caller.Ordinal);

        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
        Assert.Equal(waiting.Values.Sum(l => l.Count), resolver.WaitingChildren);
        Assert.Equal(serial, resolvedDirectly + actual.Count + resolver.WaitingChildren);
        Assert.True(resolvedDirectly > 0 && actual.Count > 0 && resolver.WaitingChildren > 0);
    }

    [Fact]
    public void ChildrenBeyondTheCapGiveUpOldestGenerationFirst()
    {
        var registry = new WindowKeyRegistry();
        var callee = registry.Service("callee");
        var caller = registry.Service("caller");
        // Half the cap per generation: two children each.
        var resolver = new EdgeResolver(new WindowEngineOptions { MaxWaitingChildren = 4 }, registry);
        for (var child = 1; child <= 5; child++) resolver.Wait((ulong)child, new WaitingChild(callee, child, 10, 1, false));

        Assert.Equal((2L, 3), (resolver.Abandoned, resolver.WaitingChildren));
        for (var parent = 1; parent <= 5; parent++) resolver.Remember((ulong)parent, caller);
        resolver.TakeFound();
        Assert.Equal([3L, 4L, 5L], resolver.Resolved.Select(r => r.Child.WindowIndex).Order());
        Assert.All(resolver.Resolved, r => Assert.Same(caller, r.Caller));
        Assert.Equal(0, resolver.WaitingChildren);
    }
}
