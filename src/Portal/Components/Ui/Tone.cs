namespace Portal.Components.Ui;

/// <summary>The status colour of a badge, tile or dot: the same five meanings everywhere.</summary>
public enum Tone
{
    Neutral,
    Ok,
    Warn,
    Error,
    Info,
    Accent,
}

public static class ToneExtensions
{
    /// <summary>The CSS modifier for a tone ("ok", "warn" …); null for neutral.</summary>
    public static string? CssName(this Tone tone) => tone == Tone.Neutral ? null : tone.ToString().ToLowerInvariant();
}
