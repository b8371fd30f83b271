using Portal.Core.Windowing;

namespace Portal.Core.Tests.Windowing;

public class SpanIdTableTests
{
    [Theory]
    [InlineData(1, 64)]
    [InlineData(2, 5_000)]
    public void BehavesLikeADictionaryUnderRandomSetsAndLookups(int seed, int keyRange)
    {
        var random = new Random(seed);
        var table = new SpanIdTable();
        var reference = new Dictionary<ulong, int>();
        for (var i = 0; i < 200_000; i++)
        {
            // Small ids collide in probe runs; 0 and ulong.MaxValue are ordinary keys too.
            var key = random.Next(10) == 0 ? (random.Next(2) == 0 ? 0UL : ulong.MaxValue) : (ulong)random.Next(keyRange) * 0x1_0000_0001UL;
            if (random.Next(2) == 0)
            {
                var value = random.Next(int.MaxValue - 1);
                table.Set(key, value);
                reference[key] = value;
            }
            else
            {
                Assert.Equal(reference.TryGetValue(key, out var want), table.TryGetValue(key, out var found));
                Assert.Equal(want, found);
            }
            Assert.Equal(reference.Count, table.Count);
        }
        foreach (var (key, value) in reference)
        {
            Assert.True(table.TryGetValue(key, out var found));
            Assert.Equal(value, found);
        }
        table.Clear();
        Assert.Equal(0, table.Count);
        Assert.False(table.TryGetValue(0, out _));
    }
}
