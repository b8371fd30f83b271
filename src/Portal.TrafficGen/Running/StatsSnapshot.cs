namespace Portal.TrafficGen.Running;

/// <summary>The counters at one moment; two snapshots give per-second rates.</summary>
public sealed record StatsSnapshot(
    DateTime At,
    long Transactions,
    long SpansSent,
    long LogsSent,
    long EventsSent,
    long Acknowledged,
    long Failed,
    long Retried,
    long Unconfirmed,
    int Pending,
    string? LastError)
{
    public long Sent => SpansSent + LogsSent + EventsSent;

    public double SpansPerSecondSince(StatsSnapshot earlier) => PerSecond(SpansSent - earlier.SpansSent, earlier);
    public double SentPerSecondSince(StatsSnapshot earlier) => PerSecond(Sent - earlier.Sent, earlier);
    public double AcknowledgedPerSecondSince(StatsSnapshot earlier) => PerSecond(Acknowledged - earlier.Acknowledged, earlier);
    public double TransactionsPerSecondSince(StatsSnapshot earlier) => PerSecond(Transactions - earlier.Transactions, earlier);

    /// <summary>A progress line: totals, then the rates since <paramref name="earlier"/>.</summary>
    public string Describe(StatsSnapshot earlier, DateTime startedAt)
    {
        var line = FormattableString.Invariant(
            $"{(At - startedAt).TotalSeconds,6:0}s  tx {Transactions:N0} ({TransactionsPerSecondSince(earlier):N0}/s)  spans {SpansSent:N0} ({SpansPerSecondSince(earlier):N0}/s)  logs {LogsSent:N0}  events {EventsSent:N0}  acked {Acknowledged:N0} ({AcknowledgedPerSecondSince(earlier):N0}/s)  failed {Failed:N0}  retried {Retried:N0}  pending {Pending:N0}");
        return Unconfirmed > 0 ? line + FormattableString.Invariant($"  unconfirmed (OTLP logs) {Unconfirmed:N0}") : line;
    }

    private double PerSecond(long delta, StatsSnapshot earlier)
    {
        var seconds = (At - earlier.At).TotalSeconds;
        return seconds > 0 ? delta / seconds : 0;
    }
}
