using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Logs;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Senders.Otlp;

/// <summary>
/// Gives a log record the simulated line's time and trace context. ILogger stamps "now" and the ambient Activity; the
/// simulated line has its own (past, skewed) time and belongs to a span that is not running. The OpenTelemetry logger
/// calls processors synchronously on the logging thread, so the line being written is handed over in a thread-static.
/// </summary>
internal sealed class LogStamp : BaseProcessor<LogRecord>
{
    [ThreadStatic] private static SimLog? _current;

    public static void Write(Microsoft.Extensions.Logging.ILogger logger, SimLog log)
    {
        _current = log;
        try
        {
            logger.Log(Level(log.Level), default, new LogState(log), null, static (state, _) => state.Message);
        }
        finally
        {
            _current = null;
        }
    }

    public override void OnEnd(LogRecord data)
    {
        if (_current is not { } log) return;
        data.Timestamp = log.Time;
        if (log.TraceId is null) return;
        data.TraceId = ActivityTraceId.CreateFromString(log.TraceId);
        data.SpanId = log.SpanId is null ? default : ActivitySpanId.CreateFromString(log.SpanId);
        data.TraceFlags = ActivityTraceFlags.Recorded;
    }

    private static Microsoft.Extensions.Logging.LogLevel Level(SimLogLevel level) => level switch
    {
        SimLogLevel.Debug => Microsoft.Extensions.Logging.LogLevel.Debug,
        SimLogLevel.Info => Microsoft.Extensions.Logging.LogLevel.Information,
        SimLogLevel.Warn => Microsoft.Extensions.Logging.LogLevel.Warning,
        _ => Microsoft.Extensions.Logging.LogLevel.Error,
    };
}
