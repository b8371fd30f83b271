namespace Portal.Queries;

/// <summary>A piece of a log message; hits are rendered inside &lt;mark&gt;, both as text.</summary>
public readonly record struct TextSegment(string Text, bool Hit);

/// <summary>Splits a message into plain and hit segments: a word that equals a search word or starts with a prefix term.</summary>
public static class TextHighlighter
{
    /// <summary>The hit ranges (start, length) in <paramref name="text"/>, adjacent ones merged.</summary>
    public static IReadOnlyList<(int Start, int Length)> Ranges(string text, LogSearchTerms terms)
    {
        var ranges = new List<(int Start, int Length)>();
        if (terms.IsEmpty) return ranges;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && IsWordChar(text[i])) i++;
            var word = text[start..i].ToLowerInvariant();
            if (!terms.Words.Contains(word) && !terms.Prefixes.Any(p => word.StartsWith(p, StringComparison.Ordinal))) continue;
            // Words separated only by spaces (a phrase) read better as one mark.
            if (ranges.Count > 0 && ranges[^1] is var last && text.AsSpan(last.Start + last.Length, start - last.Start - last.Length).IsWhiteSpace())
                ranges[^1] = (last.Start, i - last.Start);
            else
                ranges.Add((start, i - start));
        }
        return ranges;
    }

    public static IReadOnlyList<TextSegment> Segments(string text, LogSearchTerms terms)
    {
        var segments = new List<TextSegment>();
        var cursor = 0;
        foreach (var (start, length) in Ranges(text, terms))
        {
            if (start > cursor) segments.Add(new(text[cursor..start], false));
            segments.Add(new(text.Substring(start, length), true));
            cursor = start + length;
        }
        if (cursor < text.Length || segments.Count == 0) segments.Add(new(text[cursor..], false));
        return segments;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
