namespace Portal.Storage;

/// <summary>Settings of the portal's PostgreSQL (section <c>Portal:Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Portal:Database";

    /// <summary>Folder of the embedded cluster, relative to the content root; used only without <c>ConnectionStrings:Portal</c>.</summary>
    public string DataDirectory { get; set; } = ".data/postgres";

    /// <summary>Daily partitions kept ready behind and ahead of today.</summary>
    public int PartitionDaysBack { get; set; } = 7;
    public int PartitionDaysAhead { get; set; } = 2;

    /// <summary>Days of spans and logs kept; older daily partitions are dropped whole. Default 7 (ingest refuses older records too).</summary>
    public int RetentionDays { get; set; } = 7;
}
