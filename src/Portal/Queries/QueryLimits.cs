namespace Portal.Queries;

/// <summary>Limits of the search forms, shared with the parsers.</summary>
public static class QueryLimits
{
    public const int MaxText = QueryText.MaxTextLength;
}
