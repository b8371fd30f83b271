using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Senders;

/// <summary>A transport to the portal. Send methods may be called concurrently; they record outcomes in the run's stats.</summary>
public interface ITelemetrySender : IAsyncDisposable
{
    /// <summary>
    /// Called once per transaction when it is generated, before any of its records is due: a sender that cannot use the
    /// simulated ids as they are binds its own here and returns the transaction as it will be sent.
    /// </summary>
    Transaction Prepare(Transaction transaction);

    Task SendSpansAsync(IReadOnlyList<SimSpan> spans, CancellationToken ct);
    Task SendLogsAsync(IReadOnlyList<SimLog> logs, CancellationToken ct);
    Task SendEventsAsync(IReadOnlyList<SimEvent> events, CancellationToken ct);

    /// <summary>Waits until everything handed over has been exported (or has failed).</summary>
    Task FlushAsync(CancellationToken ct);
}
