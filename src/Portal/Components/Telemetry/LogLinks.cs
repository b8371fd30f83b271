using Portal.Core.Records;

namespace Portal.Components.Telemetry;

/// <summary>Links between the log views.</summary>
public static class LogLinks
{
    /// <summary>The context view of a line: its instance's neighbours; <paramref name="q"/> keeps the hits marked.</summary>
    public static string Context(LogRecord line, int lines, string? q) =>
        $"/logs/context?instance={Uri.EscapeDataString(line.Instance)}&time={Display.UrlTime(line.Time)}&id={line.Id}&n={lines}"
        + (string.IsNullOrEmpty(q) ? "" : $"&q={Uri.EscapeDataString(q)}");
}
