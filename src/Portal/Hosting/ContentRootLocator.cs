namespace Portal.Hosting;

/// <summary>
/// Finds the folder that holds appsettings.json, migrations/ and wwwroot/: the repository root in a checkout, the
/// application folder in a container. The host uses it as content root whatever the working directory is.
/// </summary>
public static class ContentRootLocator
{
    public const string EnvironmentVariable = "PORTAL_CONTENT_ROOT";

    public static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (IsContentRoot(dir.FullName)) return dir.FullName;
            }
        }

        throw new StartupException(
            $"Cannot find the portal's content root (a folder with appsettings.json and migrations/) above {AppContext.BaseDirectory} " +
            $"or the working directory. Run from the repository, or set {EnvironmentVariable}.");
    }

    private static bool IsContentRoot(string dir) =>
        File.Exists(Path.Combine(dir, "appsettings.json")) && Directory.Exists(Path.Combine(dir, "migrations"));
}
