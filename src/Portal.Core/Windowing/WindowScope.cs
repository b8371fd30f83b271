namespace Portal.Core.Windowing;

/// <summary>What a window aggregates over. The numbers are stored in columns: do not renumber.</summary>
public enum WindowScope : short
{
    /// <summary>Every call, under the single key <see cref="WindowKey.AllKey"/>.</summary>
    All = 0,
    /// <summary>Calls handled by one service.</summary>
    Service = 1,
    /// <summary>Calls to one interface of one service.</summary>
    Endpoint = 2,
    /// <summary>Calls from a caller service to a callee service (the caller is the parent span's service).</summary>
    Edge = 3,
    /// <summary>Entry calls (root spans) of one business scenario: one per transaction.</summary>
    Scenario = 4,
}
