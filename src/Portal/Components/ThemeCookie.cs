namespace Portal.Components;

/// <summary>The cookie js/theme.js writes with the user's theme choice; read when rendering &lt;html data-theme&gt;.</summary>
public static class ThemeCookie
{
    public const string Name = "portal-theme";

    /// <summary>Only the two known values reach the page: a cookie is user input.</summary>
    public static bool IsValid(string value) => value is "dark" or "light";
}
