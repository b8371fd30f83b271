namespace Portal.Core.Ingest;

/// <summary>
/// One item of a payload that was not accepted. <see cref="Path"/> names the item and field the way the payload spells
/// them (e.g. <c>resourceSpans[0].scopeSpans[1].spans[3].traceId</c>); <see cref="Reason"/> says what was wrong.
/// </summary>
/// <param name="Items">How many records this rejection stands for: 1, or every record under a bad resource.</param>
public readonly record struct Rejection(string Path, string Reason, int Items = 1)
{
    public string Message => Path.Length == 0 ? Reason : $"{Path}: {Reason}";

    public override string ToString() => Message;
}
