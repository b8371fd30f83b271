namespace Portal.Core.Windowing;

/// <summary>
/// One emitted result for one key and one window. <see cref="Aggregate"/> is the whole window for
/// <see cref="WindowResultKind.First"/>, <see cref="WindowResultKind.Correction"/> and <see cref="WindowResultKind.Final"/>,
/// and only the late records for <see cref="WindowResultKind.LateDelta"/>. The engine never changes it after emitting it,
/// and results of one window that nothing changed in between share one aggregate object: treat it as read-only.
/// A struct: an engine emits about a quarter of a result per record, and each object less is work less for the collector.
/// </summary>
/// <param name="Revision">0 for the first result, one more for each correction; a final result carries the revision of
/// its content (one more than the last correction if records came after it). Late deltas carry 0.</param>
public readonly record struct WindowResult(
    WindowKey Key,
    DateTime WindowStart,
    DateTime WindowEnd,
    WindowResultKind Kind,
    int Revision,
    WindowAggregate Aggregate);
