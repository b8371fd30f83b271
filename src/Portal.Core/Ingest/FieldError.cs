namespace Portal.Core.Ingest;

/// <summary>Why one item was rejected: the field, relative to the item, and the reason. Becomes a <see cref="Rejection"/>.</summary>
internal readonly record struct FieldError(string Field, string Reason)
{
    /// <summary>The same error seen from an enclosing field, e.g. <c>attributes[2].value</c> under <c>events[0]</c>.</summary>
    public FieldError Under(string parent) => this with { Field = $"{parent}.{Field}" };
}
