namespace Portal.Core.Records;

/// <summary>Log severity, ordered so that a filter "Warn and above" is a comparison.</summary>
public enum LogLevel : short
{
    Trace = 1,
    Debug = 5,
    Info = 9,
    Warn = 13,
    Error = 17,
    Fatal = 21,
}
