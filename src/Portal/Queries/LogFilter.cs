using Microsoft.AspNetCore.Mvc;
using Portal.Core.Records;
using LogLevel = Portal.Core.Records.LogLevel;

namespace Portal.Queries;

/// <summary>The log search's URL parameters as written, shared by the /logs page and /api/logs.</summary>
public sealed class LogParameters
{
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "range")] public string? Range { get; set; }
    [FromQuery(Name = "service")] public string? Service { get; set; }
    [FromQuery(Name = "instance")] public string? Instance { get; set; }
    [FromQuery(Name = "level")] public string? Level { get; set; }
    [FromQuery(Name = "traceId")] public string? TraceId { get; set; }
    [FromQuery(Name = "spanId")] public string? SpanId { get; set; }
    [FromQuery(Name = "page")] public string? Page { get; set; }
}

/// <summary>
/// Which log lines to show, newest first. A query that is a trace id (the global serial number, as the trace page and the
/// top bar send it) searches that trace's lines rather than the words of the messages.
/// </summary>
public sealed record LogFilter(
    QueryTime Time, string? Text, LogSearchTerms Terms, string? Service, string? Instance, LogLevel? MinLevel,
    TraceId? TraceId, SpanId? SpanId, int Page, bool TextIsTraceId)
{
    public const int PageSize = 100;
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromHours(1);

    public static LogFilter Parse(LogParameters p, DateTime nowUtc, List<QueryError> errors)
    {
        var time = QueryTime.Parse(p.Range, p.From, p.To, nowUtc, DefaultSpan, errors);
        var text = QueryText.Text(p.Q, "q", errors);
        var traceId = ParseTraceId(p.TraceId, errors);
        var textIsTraceId = false;
        if (text is not null && Core.Records.TraceId.TryParse(text, out var fromText) && !fromText.IsEmpty && traceId is null)
        {
            traceId = fromText;
            textIsTraceId = true;
        }
        var terms = textIsTraceId ? LogSearchTerms.None : LogSearchTerms.Parse(text);
        if (text is not null && !textIsTraceId && terms.IsEmpty)
            errors.Add(new("q", "has no word to search for: use letters or digits, \"a phrase\" or a prefix like debi*"));

        return new LogFilter(
            time, text, terms,
            QueryText.Text(p.Service, "service", errors),
            QueryText.Text(p.Instance, "instance", errors),
            ParseLevel(p.Level, errors),
            traceId,
            ParseSpanId(p.SpanId, errors),
            QueryText.Page(p.Page, errors),
            textIsTraceId);
    }

    public static LogLevel? ParseLevel(string? value, List<QueryError> errors)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Equals("warning", StringComparison.OrdinalIgnoreCase)) return LogLevel.Warn;
        if (!value.Any(char.IsDigit) && Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level)) return level;
        errors.Add(new("level", "must be one of trace, debug, info, warn, error, fatal"));
        return null;
    }

    private static TraceId? ParseTraceId(string? value, List<QueryError> errors)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (Core.Records.TraceId.TryParse(value.Trim(), out var id) && !id.IsEmpty) return id;
        errors.Add(new("traceId", "must be 32 hexadecimal digits"));
        return null;
    }

    private static SpanId? ParseSpanId(string? value, List<QueryError> errors)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (Core.Records.SpanId.TryParse(value.Trim(), out var id) && !id.IsEmpty) return id;
        errors.Add(new("spanId", "must be 16 hexadecimal digits"));
        return null;
    }
}
