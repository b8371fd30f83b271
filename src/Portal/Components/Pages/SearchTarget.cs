using Portal.Core.Records;

namespace Portal.Components.Pages;

/// <summary>Where the top bar's search goes: a trace id opens its trace, any other text searches the logs.</summary>
public static class SearchTarget
{
    /// <summary>Bounds the text passed on to full-text search.</summary>
    public const int MaxLength = 500;

    /// <summary>The URL to redirect to, or null with <paramref name="problem"/> saying why the query cannot be used.</summary>
    public static string? Resolve(string? query, out string? problem)
    {
        var text = query?.Trim() ?? "";
        problem = text switch
        {
            "" => "Type a trace id (32 hex digits) or some words to search the logs.",
            { Length: > MaxLength } => $"The search is too long: at most {MaxLength} characters.",
            _ when text.Any(char.IsControl) => "The search contains control characters.",
            _ => null,
        };
        if (problem is not null) return null;

        if (TraceId.TryParse(text, out var traceId) && !traceId.IsEmpty)
            return $"/traces/{traceId}";
        return $"/logs?q={Uri.EscapeDataString(text)}";
    }
}
