using Portal.Queries;

namespace Portal.Tests.Queries;

public class TextHighlighterTests
{
    [Fact]
    public void Whole_words_and_prefixes_are_hits_case_insensitively()
    {
        var terms = LogSearchTerms.Parse("funds debi*");

        var ranges = TextHighlighter.Ranges("Debited 10; FUNDS low; refunds none", terms);

        Assert.Equal([(0, 7), (12, 5)], ranges);
    }

    [Fact]
    public void A_phrase_is_one_mark_and_segments_cover_the_text()
    {
        var terms = LogSearchTerms.Parse("\"insufficient funds\"");
        const string message = "credit failed: insufficient funds <b>x</b>";

        var segments = TextHighlighter.Segments(message, terms);

        Assert.Equal(message, string.Concat(segments.Select(s => s.Text)));
        Assert.Equal("insufficient funds", Assert.Single(segments, s => s.Hit).Text);
    }

    [Fact]
    public void Without_terms_the_message_is_one_plain_segment()
    {
        var segment = Assert.Single(TextHighlighter.Segments("<script>", LogSearchTerms.None));
        Assert.Equal(new TextSegment("<script>", false), segment);
    }
}
