using Microsoft.AspNetCore.Components;

namespace Portal.Components.Ui;

/// <summary>
/// Links that change some query parameters of the current page and keep the others:
/// page state lives in the URL, so a filter, a sort and a page can be combined and shared.
/// </summary>
public static class QueryLinks
{
    /// <summary>The current page with <paramref name="changes"/> applied; a null value removes the parameter.</summary>
    public static string WithQuery(this NavigationManager navigation, IReadOnlyDictionary<string, object?> changes) =>
        PathAndQuery(navigation.GetUriWithQueryParameters(changes));

    public static string WithQuery(this NavigationManager navigation, string name, object? value) =>
        navigation.WithQuery(new Dictionary<string, object?> { [name] = value });

    /// <summary>Root-relative, so links match the app's base href "/" and do not repeat the host name.</summary>
    private static string PathAndQuery(string absoluteUri) => new Uri(absoluteUri).PathAndQuery;
}
