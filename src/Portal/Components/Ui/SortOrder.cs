namespace Portal.Components.Ui;

/// <summary>A table's sort as written in the URL: "field" ascending, "-field" descending.</summary>
public readonly record struct SortOrder(string Field, bool Descending)
{
    public override string ToString() => Descending ? $"-{Field}" : Field;

    /// <summary>Reads <paramref name="text"/>, accepting only the <paramref name="allowed"/> fields (a URL is user input).</summary>
    public static SortOrder Parse(string? text, IReadOnlyCollection<string> allowed, SortOrder fallback)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        var descending = text.StartsWith('-');
        var field = descending ? text[1..] : text;
        return allowed.Contains(field, StringComparer.Ordinal) ? new SortOrder(field, descending) : fallback;
    }

    /// <summary>The order a click on <paramref name="field"/>'s header leads to: flips the current field, else starts it.</summary>
    public SortOrder Toggle(string field, bool descendingFirst) =>
        field == Field ? this with { Descending = !Descending } : new SortOrder(field, descendingFirst);
}
