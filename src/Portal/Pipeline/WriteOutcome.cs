namespace Portal.Pipeline;

/// <summary>What became of records handed to the pipeline.</summary>
public enum WriteOutcome
{
    /// <summary>Durable in PostgreSQL.</summary>
    Committed,
    /// <summary>Too much is pending: the client should retry later (429).</summary>
    Overloaded,
    /// <summary>The store is down or too slow: the client should retry later (503).</summary>
    StoreUnavailable,
    /// <summary>The store refused the data itself (a value PostgreSQL cannot hold): retrying will not help (400).</summary>
    Rejected,
}
