namespace Portal.Ingest;

/// <summary>Error answers of the ingest endpoints: problem details naming what is wrong, Retry-After where retrying helps.</summary>
public static class IngestResults
{
    public static IResult Problem(int status, string detail, IReadOnlyList<string>? errors = null, TimeSpan? retryAfter = null) =>
        new ProblemResult(status, detail, errors, retryAfter);

    private sealed class ProblemResult(int status, string detail, IReadOnlyList<string>? errors, TimeSpan? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            if (retryAfter is { } delay) http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString();
            var extensions = errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors };
            return Results.Problem(detail: detail, statusCode: status, extensions: extensions).ExecuteAsync(http);
        }
    }
}
