namespace Portal.Queries;

/// <summary>A query parameter that cannot be used: the API answers 400 with it, a page shows it in a banner.</summary>
public sealed record QueryError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
