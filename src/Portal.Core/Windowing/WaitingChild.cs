namespace Portal.Core.Windowing;

/// <summary>What a child span needs to contribute its edge once its parent (the caller) is known.</summary>
internal readonly record struct WaitingChild(
    WindowKeyRegistry.ServiceKeys Callee,
    long WindowIndex,
    long DurationMicros,
    int BucketIndex,
    bool IsError);
