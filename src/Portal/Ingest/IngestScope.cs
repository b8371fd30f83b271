namespace Portal.Ingest;

/// <summary>What an ingest request sends; an API key may be limited to some of these.</summary>
public static class IngestScope
{
    public const string Traces = "traces";
    public const string Logs = "logs";
    public const string Events = "events";
}
