namespace Portal.Scenarios;

/// <summary>Addresses of the topology review pages.</summary>
public static class ReviewLinks
{
    public const string Queue = "/topology/review";

    public static string Version(long id) => $"{Queue}/{id}";
}
