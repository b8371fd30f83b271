using Portal.Core.Records;

namespace Portal.Queries;

/// <summary>One transaction of the list: its root call, its size and status, and the span that matched the filter.</summary>
public sealed record TransactionRow(
    string TraceId, DateTime Start, string RootService, string RootEndpoint, bool RootFound, long RootMicros,
    int SpanCount, int ErrorCount, string MatchSpanId, long MatchMicros)
{
    public bool IsError => ErrorCount > 0;

    internal static TransactionRow From(TransactionRowData d) => new(
        Core.Records.TraceId.FromBytes(d.TraceId).ToString(), d.TraceStart, d.RootService, d.RootEndpoint, d.RootFound, d.RootMicros,
        (int)d.SpanCount, (int)d.ErrorCount, SpanId.FromBytes(d.MatchSpanId).ToString(), d.MatchMicros);
}

/// <summary>A page of transactions and the duration histogram of all transactions that match, whatever their duration.</summary>
public sealed record TransactionPage(IReadOnlyList<TransactionRow> Rows, bool HasMore, long Total, IReadOnlyList<HistogramBar> Histogram);

/// <summary>The columns of the transactions query, named as the SQL aliases them.</summary>
internal class TransactionRowData
{
    public byte[] TraceId { get; set; } = [];
    public byte[] MatchSpanId { get; set; } = [];
    public long MatchMicros { get; set; }
    public int Bucket { get; set; }
    public long SpanCount { get; set; }
    public long ErrorCount { get; set; }
    public DateTime TraceStart { get; set; }
    public string RootService { get; set; } = "";
    public string RootEndpoint { get; set; } = "";
    public long RootMicros { get; set; }
    public bool RootFound { get; set; }
}

/// <summary>A row of the newest page and whether that page is known to be right (see <see cref="TransactionSql.NewestPage"/>).</summary>
internal sealed class CandidateRowData : TransactionRowData
{
    public bool Complete { get; set; }
}

/// <summary>How many matching transactions fall in one duration bucket, and how many of those the duration filter keeps.</summary>
internal sealed class BucketCount
{
    public int Bucket { get; set; }
    public long Count { get; set; }
    public long InFilter { get; set; }
}
