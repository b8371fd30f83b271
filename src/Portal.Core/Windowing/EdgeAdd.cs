namespace Portal.Core.Windowing;

/// <summary>A resolved edge waiting to be added to its window: the child span's figures under its edge key.</summary>
internal readonly record struct EdgeAdd(OpenWindow? Window, long WindowIndex, int KeyId, long DurationMicros, int BucketIndex, bool IsError);
