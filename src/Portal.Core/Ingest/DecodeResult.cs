namespace Portal.Core.Ingest;

/// <summary>
/// What decoding one payload produced: the accepted records and the rejected items, or a single fatal error when the
/// payload as a whole is malformed (then nothing is accepted).
/// </summary>
public sealed class DecodeResult<T>
{
    internal DecodeResult(List<T> records, List<Rejection> rejections, string? fatalError)
    {
        Records = records;
        Rejections = rejections;
        FatalError = fatalError;
        foreach (var rejection in rejections) RejectedCount += rejection.Items;
    }

    public IReadOnlyList<T> Records { get; }
    public IReadOnlyList<Rejection> Rejections { get; }
    /// <summary>Number of records rejected; what OTLP's partial success reports as rejected spans or log records.</summary>
    public int RejectedCount { get; }
    public string? FatalError { get; }
    public bool IsFatal => FatalError is not null;

    /// <summary>The first <paramref name="max"/> rejection messages, one a line, for a response body or a log line.</summary>
    public string Summary(int max = 10)
    {
        if (FatalError is not null) return FatalError;
        var lines = new List<string>(Math.Min(max, Rejections.Count) + 1);
        for (var i = 0; i < Rejections.Count && i < max; i++) lines.Add(Rejections[i].Message);
        if (Rejections.Count > max) lines.Add($"... and {Rejections.Count - max} more");
        return string.Join('\n', lines);
    }

    internal static DecodeResult<T> Fatal(string message) => new([], [], message);
}
