using Portal.Core.Records;

namespace Portal.Queries;

/// <summary>How a span's outcome reads on the pages: "error" or "ok", then its status code when that says more.</summary>
public static class SpanStatus
{
    /// <summary>OTLP's codes ERROR and OK only repeat the outcome, so they are left out; a result code such as E1001 is kept.</summary>
    public static string Text(SpanRecord span)
    {
        var outcome = span.IsError ? "error" : "ok";
        var code = span.StatusCode;
        return string.IsNullOrEmpty(code) || code.Equals(outcome, StringComparison.OrdinalIgnoreCase) ? outcome : $"{outcome} {code}";
    }
}
