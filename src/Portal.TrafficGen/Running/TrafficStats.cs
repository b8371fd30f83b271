namespace Portal.TrafficGen.Running;

/// <summary>
/// Counters of a run, updated from any thread. Sent: handed to the transport. Acknowledged: the portal answered with
/// success (native and events: a 2xx; OTLP: the exporter reported success). Failed: given up on. Retried: attempts
/// repeated after 429, 503, 502, 504, a time-out or a connection error. Unconfirmed: handed to a transport that reports
/// no outcome (the OpenTelemetry SDK's sealed OTLP log exporter).
/// </summary>
public sealed class TrafficStats
{
    private long _transactions, _spans, _logs, _events, _acknowledged, _failed, _retried, _unconfirmed;
    private string? _lastError;

    public void Generated(int transactions) => Interlocked.Add(ref _transactions, transactions);
    public void SentSpans(int count) => Interlocked.Add(ref _spans, count);
    public void SentLogs(int count) => Interlocked.Add(ref _logs, count);
    public void SentEvents(int count) => Interlocked.Add(ref _events, count);
    public void Acknowledged(int count) => Interlocked.Add(ref _acknowledged, count);
    public void Retried() => Interlocked.Increment(ref _retried);
    public void Unconfirmed(int count) => Interlocked.Add(ref _unconfirmed, count);

    public void Failed(int count, string reason)
    {
        Interlocked.Add(ref _failed, count);
        Volatile.Write(ref _lastError, reason);
    }

    /// <summary>Sent but not yet acknowledged, failed or known to be unconfirmable.</summary>
    public long InFlight => Interlocked.Read(ref _spans) + Interlocked.Read(ref _logs) + Interlocked.Read(ref _events)
        - Interlocked.Read(ref _acknowledged) - Interlocked.Read(ref _failed) - Interlocked.Read(ref _unconfirmed);

    public StatsSnapshot Snapshot(DateTime atUtc, int pending) => new(atUtc,
        Interlocked.Read(ref _transactions), Interlocked.Read(ref _spans), Interlocked.Read(ref _logs), Interlocked.Read(ref _events),
        Interlocked.Read(ref _acknowledged), Interlocked.Read(ref _failed), Interlocked.Read(ref _retried), Interlocked.Read(ref _unconfirmed), pending, Volatile.Read(ref _lastError));
}
