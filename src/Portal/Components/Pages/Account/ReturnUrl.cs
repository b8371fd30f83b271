namespace Portal.Components.Pages.Account;

/// <summary>Only paths of this portal may be a return address: an open redirect would help phishing.</summary>
public static class ReturnUrl
{
    public static string Safe(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
