namespace Portal.Core.Ingest;

/// <summary>
/// A JSON payload whose values have the wrong type or form for the schema (a number where an object belongs, an id
/// that is not hex). Raised deep in a reader; each enclosing level adds its field or index on the way out, so the path
/// costs nothing unless something is wrong.
/// </summary>
internal sealed class JsonShapeException(string reason) : Exception(reason)
{
    public string Reason { get; } = reason;
    public string Path { get; private set; } = "";

    public override string Message => Path.Length == 0 ? Reason : $"{Path}: {Reason}";

    public JsonShapeException At(string segment)
    {
        Path = Path.Length == 0 ? segment : Path[0] == '[' ? segment + Path : $"{segment}.{Path}";
        return this;
    }
}
