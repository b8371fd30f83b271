using Portal.Storage.Writers;

namespace Portal.Pipeline;

/// <summary>
/// Receives every batch after it is committed (windowing, topology inference, live events). Called on the writer's
/// thread, so it must only hand the batch on (e.g. to its own channel) and return at once.
/// </summary>
public interface ITelemetryProcessor
{
    void OnCommitted(TelemetryBatch batch);
}
