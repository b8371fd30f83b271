using Portal.Core.Records;

namespace Portal.Core.Ingest;

/// <summary>Log levels from the numbers and names that loggers use.</summary>
internal static class LogLevels
{
    /// <summary>OpenTelemetry severity numbers 1-24 in bands of four (TRACE..TRACE4, DEBUG..DEBUG4, ...).</summary>
    public static LogLevel FromSeverityNumber(int number) => (LogLevel)((number - 1) / 4 * 4 + 1);

    /// <summary>
    /// A level name, case-insensitive: trace, debug, info, warn, error, fatal, and the common synonyms of syslog,
    /// log4j and Microsoft.Extensions.Logging (information, notice, warning, err, critical, ...). Null if unknown.
    /// </summary>
    public static LogLevel? FromText(ReadOnlySpan<char> text)
    {
        if (Is(text, "info") || Is(text, "information") || Is(text, "notice")) return LogLevel.Info;
        if (Is(text, "warn") || Is(text, "warning")) return LogLevel.Warn;
        if (Is(text, "error") || Is(text, "err")) return LogLevel.Error;
        if (Is(text, "debug")) return LogLevel.Debug;
        if (Is(text, "trace") || Is(text, "verbose")) return LogLevel.Trace;
        if (Is(text, "fatal") || Is(text, "critical") || Is(text, "crit") || Is(text, "emerg") || Is(text, "alert") || Is(text, "panic"))
            return LogLevel.Fatal;
        return null;
    }

    private static bool Is(ReadOnlySpan<char> text, string name) => text.Equals(name, StringComparison.OrdinalIgnoreCase);
}
