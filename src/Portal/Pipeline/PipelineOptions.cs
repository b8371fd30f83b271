namespace Portal.Pipeline;

/// <summary>Settings of the write pipeline (section <c>Portal:Pipeline</c>).</summary>
public sealed class PipelineOptions
{
    public const string Section = "Portal:Pipeline";

    /// <summary>How long a writer waits for more requests to share a transaction with the first. Default 2 ms.</summary>
    public TimeSpan GroupCommitInterval { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Records at most in one transaction. Default 20 000.</summary>
    public int MaxRecordsPerCommit { get; set; } = 20_000;

    /// <summary>Records accepted but not yet committed, at most; beyond it requests get 429. Bounds the memory. Default 200 000.</summary>
    public int MaxPendingRecords { get; set; } = 200_000;

    /// <summary>Writers committing in parallel, each on its own connection. Default 2.</summary>
    public int Writers { get; set; } = 2;

    /// <summary>Longest a request waits for its commit before it is answered 503. Default 10 s.</summary>
    public TimeSpan CommitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After a failed commit, new requests are refused with 503 this long before the store is tried again. Default 1 s.</summary>
    public TimeSpan StoreRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
