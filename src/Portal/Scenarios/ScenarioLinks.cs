namespace Portal.Scenarios;

/// <summary>Addresses of the scenario dashboards; a code may hold "/" (a root endpoint such as "POST /transfer"), kept as path separators.</summary>
public static class ScenarioLinks
{
    public static string Dashboard(string code) => "/scenarios/" + string.Join("/", code.Split('/').Select(Uri.EscapeDataString));
}
