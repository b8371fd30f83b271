namespace Portal.Core.Ingest;

/// <summary>
/// Why one item failed: the field, relative to the item, and the reason. Becomes a <see cref="Rejection"/>, or, when
/// <see cref="Fatal"/> (the bytes are not a valid payload at all, e.g. invalid UTF-8), the payload's fatal error.
/// </summary>
internal readonly record struct FieldError(string Field, string Reason, bool Fatal = false)
{
    /// <summary>The same error seen from an enclosing field, e.g. <c>attributes[2].value</c> under <c>events[0]</c>.</summary>
    public FieldError Under(string parent) => this with { Field = $"{parent}.{Field}" };
}
