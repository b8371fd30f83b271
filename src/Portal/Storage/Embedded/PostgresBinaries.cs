using Portal.Hosting;

namespace Portal.Storage.Embedded;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl) on PATH or under /usr/lib/postgresql/*/bin.</summary>
public static class PostgresBinaries
{
    /// <summary>Where Debian installs the server versions; an environment variable of this name overrides it.</summary>
    public const string SearchRootVariable = "PORTAL_POSTGRES_SEARCH_ROOT";

    public static string Locate()
    {
        var versionsRoot = Environment.GetEnvironmentVariable(SearchRootVariable) ?? "/usr/lib/postgresql";
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists(versionsRoot)
                ? Directory.GetDirectories(versionsRoot).OrderByDescending(VersionOf).Select(d => Path.Combine(d, "bin"))
                : []);

        foreach (var dir in candidates)
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                // /usr/local/bin may hold links; the real folder keeps initdb next to the postgres binary it needs.
                var initdb = new FileInfo(Path.Combine(dir, "initdb"));
                var target = initdb.ResolveLinkTarget(returnFinalTarget: true);
                return target is null ? dir : Path.GetDirectoryName(target.FullName)!;
            }
        }

        throw new StartupException(
            "PostgreSQL server programs (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
            "Install them (Debian: apt-get install postgresql) or point the portal at a server with ConnectionStrings__Portal.");
    }

    private static int VersionOf(string dir) => int.TryParse(Path.GetFileName(dir), out var v) ? v : 0;
}
