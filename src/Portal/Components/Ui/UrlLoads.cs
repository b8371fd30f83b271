using Microsoft.AspNetCore.Components;

namespace Portal.Components.Ui;

/// <summary>
/// A page's data is loaded once per URL: an in-app navigation to another URL loads again, while a render that sets the
/// same parameters again does not. A failed load is forgotten, so a retry link to the same URL loads again.
/// Transient: each page gets its own.
/// </summary>
public sealed class UrlLoads(NavigationManager navigation)
{
    private string? loaded;

    /// <summary>Whether the current URL still has to be loaded; if so it counts as loaded from now on.</summary>
    public bool Begin()
    {
        if (navigation.Uri == loaded) return false;
        loaded = navigation.Uri;
        return true;
    }

    public void Failed() => loaded = null;

    /// <summary>False once another navigation has begun: a slow load finishing late must not show its rows under the newer URL.</summary>
    public bool IsCurrent(string url) => navigation.Uri == url && loaded == url;
}
