using Portal.Core.Records;
using Portal.Core.Windowing;

namespace Portal.Core.Tests.Windowing;

public class WaitingChildrenTests
{
    [Theory]
    [InlineData(1, 64)]
    [InlineData(2, 5_000)]
    public void HandsBackExactlyTheChildrenOfEachParentUnderRandomAddsAndTakes(int seed, int parentRange)
    {
        var random = new Random(seed);
        var registry = new WindowKeyRegistry();
        var services = Enumerable.Range(0, 5).Select(i => registry.Service($"svc-{i}")).ToArray();
        var waiting = new WaitingChildren(registry);
        var reference = new Dictionary<ulong, List<WaitingChild>>();
        var count = 0;
        long serial = 0;
        for (var i = 0; i < 100_000; i++)
        {
            // Few parents share long probe runs, each with several children; 0 is an ordinary parent id too.
            var parent = random.Next(20) == 0 ? 0UL : (ulong)random.Next(parentRange) * 0x1_0000_0001UL;
            if (random.Next(3) > 0)
            {
                // The window index tells children apart.
                var child = new WaitingChild(services[random.Next(services.Length)], serial++, random.Next(1_000_000), random.Next(2_000), random.Next(2) == 0);
                waiting.Add(new SpanId(parent), child);
                if (!reference.TryGetValue(parent, out var list)) reference[parent] = list = [];
                list.Add(child);
                count++;
            }
            else
            {
                var taken = new List<WaitingChild>();
                waiting.Take(new SpanId(parent), taken);
                var expected = reference.Remove(parent, out var list) ? list : [];
                Assert.Equal(expected.OrderBy(c => c.WindowIndex), taken.OrderBy(c => c.WindowIndex));
                count -= taken.Count;
            }
            Assert.Equal(count, waiting.Count);
        }

        Assert.Equal(count, waiting.Clear());
        Assert.Equal(0, waiting.Count);
        var none = new List<WaitingChild>();
        foreach (var parent in reference.Keys) waiting.Take(new SpanId(parent), none);
        Assert.Empty(none);
    }
}
