using Portal.Queries;

namespace Portal.Tests.Queries;

public class LogSearchTermsTests
{
    [Fact]
    public void Words_phrases_and_prefixes_are_separated()
    {
        var terms = LogSearchTerms.Parse("\"insufficient funds\" debi* E1042");

        Assert.Equal("\"insufficient funds\" e1042", terms.WebSearch);
        Assert.Equal("'debi':*", terms.PrefixQuery);
        Assert.Equal(new[] { "e1042", "funds", "insufficient" }, terms.Words.Order());
        Assert.Equal(["debi"], terms.Prefixes);
    }

    [Theory]
    [InlineData("'):*&|!<script>")]
    [InlineData("'):*&|!<script>*")]
    [InlineData("a'b:* | !c & d)*")]
    [InlineData("\\'; DROP TABLE logs; --*")]
    public void Hostile_input_reaches_to_tsquery_only_as_quoted_letters_and_digits(string input)
    {
        var terms = LogSearchTerms.Parse(input);

        if (terms.PrefixQuery is { } prefix)
            Assert.Matches(@"^'[\p{L}\p{N}_]+':\*( & '[\p{L}\p{N}_]+':\*)*$", prefix);
        Assert.All(terms.Words, w => Assert.Matches(@"^[\p{L}\p{N}_]+$", w));
        Assert.DoesNotContain("<", terms.WebSearch ?? "");
    }

    [Fact]
    public void Punctuation_alone_or_exclusions_alone_search_nothing()
    {
        Assert.True(LogSearchTerms.Parse("'):*&|!").IsEmpty);
        Assert.True(LogSearchTerms.Parse("-noise or").IsEmpty);
        Assert.True(LogSearchTerms.Parse("   ").IsEmpty);
    }

    [Fact]
    public void Exclusions_and_or_are_kept_for_websearch()
    {
        var terms = LogSearchTerms.Parse("or debit or credit -noise or");

        Assert.Equal("debit or credit -\"noise\"", terms.WebSearch);
    }

    [Fact]
    public void A_hyphenated_prefix_keeps_its_leading_words_exact()
    {
        var terms = LogSearchTerms.Parse("debit-car*");

        Assert.Equal("debit", terms.WebSearch);
        Assert.Equal("'car':*", terms.PrefixQuery);
    }
}
