namespace Portal.Live;

/// <summary>One point of a live series; a correction replaces the point with the same time instead of adding one.</summary>
public sealed record LivePoint(string Series, long T, double? V, bool Correction);

/// <summary>A window update for charts: several series of one window at once.</summary>
public sealed record LiveUpdate(IReadOnlyList<LivePoint> Points);

/// <summary>The latest window of each service, for the overview's services table.</summary>
public sealed record ServiceTick(string Name, long T, long Count, long Errors, double? P95Ms, bool Correction);

public sealed record ServicesUpdate(IReadOnlyList<ServiceTick> Services);

/// <summary>New events for the events page's live stream.</summary>
public sealed record LiveEvent(string Id, string Source, string Type, DateTime Time, string? Subject);

public sealed record EventsUpdate(IReadOnlyList<LiveEvent> Events);

/// <summary>The portal's own figures for the self-monitoring page.</summary>
public sealed record SystemUpdate(
    long RecordsTotal, double? Timeliness, long Corrections, long LateDeltas, long Finals, int OpenWindows, int OpenAggregates,
    int Keys, int ActiveSources, long QueuedSpans, DateTime Watermark, long[] Delays);
