using System.Text;

namespace Portal.Queries;

/// <summary>
/// A log search box's text as full-text search terms. Words, "quoted phrases", -exclusions and "or" go to PostgreSQL's
/// websearch_to_tsquery, which accepts any text without error. A word ending in * is a prefix: its letters and digits are
/// written into a to_tsquery expression as 'lexeme':*, nothing else of the input reaching that syntax. Both are passed as
/// parameters. The same terms drive the highlighting, so what is marked is what matched.
/// </summary>
public sealed record LogSearchTerms(string? WebSearch, string? PrefixQuery, IReadOnlySet<string> Words, IReadOnlyList<string> Prefixes)
{
    public const int MaxTerms = 16;
    public const int MaxTermLength = 64;

    public static readonly LogSearchTerms None = new(null, null, new HashSet<string>(), []);

    public bool IsEmpty => WebSearch is null && PrefixQuery is null;

    public static LogSearchTerms Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return None;

        var web = new List<string>();
        var words = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new List<string>();
        foreach (var (token, quoted) in Tokens(text).Take(MaxTerms))
        {
            if (quoted)
            {
                var parts = Lexemes(token);
                if (parts.Count == 0) continue;
                web.Add($"\"{string.Join(' ', parts)}\"");
                words.UnionWith(parts);
            }
            else if (token.Equals("or", StringComparison.OrdinalIgnoreCase))
            {
                web.Add("or");
            }
            else if (token.StartsWith('-'))
            {
                var parts = Lexemes(token);
                if (parts.Count > 0) web.Add($"-\"{string.Join(' ', parts)}\"");
            }
            else if (token.EndsWith('*'))
            {
                var parts = Lexemes(token);
                if (parts.Count == 0) continue;
                prefixes.Add(parts[^1]);
                if (parts.Count > 1)
                {
                    web.Add(string.Join(' ', parts[..^1]));
                    words.UnionWith(parts[..^1]);
                }
            }
            else
            {
                var parts = Lexemes(token);
                if (parts.Count == 0) continue;
                web.Add(string.Join(' ', parts));
                words.UnionWith(parts);
            }
        }

        // Only positive terms select lines: exclusions and "or" alone would match (nearly) everything.
        if (words.Count == 0 && prefixes.Count == 0) return None;
        while (web.Count > 0 && web[0] == "or") web.RemoveAt(0);
        while (web.Count > 0 && web[^1] == "or") web.RemoveAt(web.Count - 1);
        var webSearch = web.Count == 0 ? null : string.Join(' ', web);
        var prefixQuery = prefixes.Count == 0 ? null : string.Join(" & ", prefixes.Select(p => $"'{p}':*"));
        return new LogSearchTerms(webSearch, prefixQuery, words, prefixes);
    }

    /// <summary>Whitespace-separated tokens and "quoted" phrases; an unclosed quote runs to the end.</summary>
    private static IEnumerable<(string Token, bool Quoted)> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            if (text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                var end = close < 0 ? text.Length : close;
                yield return (text[(i + 1)..end], true);
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"') i++;
            yield return (text[start..i], false);
        }
    }

    /// <summary>The runs of letters and digits, lower-cased: what the 'simple' configuration indexes a word as.</summary>
    internal static List<string> Lexemes(string text)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                if (current.Length < MaxTermLength) current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                result.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) result.Add(current.ToString());
        return result;
    }
}
