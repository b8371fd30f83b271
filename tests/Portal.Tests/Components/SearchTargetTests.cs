using Portal.Components.Pages;

namespace Portal.Tests.Components;

public class SearchTargetTests
{
    [Theory]
    [InlineData("4BF92F3577B34DA6A3CE929D0E0E4736", "/traces/4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("  4bf92f3577b34da6a3ce929d0e0e4736 ", "/traces/4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("payment timeout", "/logs?q=payment%20timeout")]
    [InlineData("00000000000000000000000000000000", "/logs?q=00000000000000000000000000000000")]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e473", "/logs?q=4bf92f3577b34da6a3ce929d0e0e473")]
    [InlineData("a&b=<c>", "/logs?q=a%26b%3D%3Cc%3E")]
    public void Trace_ids_open_the_trace_and_other_text_searches_logs(string query, string expected)
    {
        Assert.Equal(expected, SearchTarget.Resolve(query, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("bad\u0001text")]
    public void Unusable_queries_explain_why(string? query)
    {
        Assert.Null(SearchTarget.Resolve(query, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Overlong_queries_are_refused()
    {
        Assert.Null(SearchTarget.Resolve(new string('x', SearchTarget.MaxLength + 1), out var problem));
        Assert.Contains("too long", problem);
    }
}
