namespace Portal.Core.Records;

/// <summary>The role of a span in its call, with OpenTelemetry's numbering.</summary>
public enum SpanKind : short
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}
