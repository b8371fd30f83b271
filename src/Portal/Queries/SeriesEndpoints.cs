using System.Globalization;
using Portal.Core.Windowing;

namespace Portal.Queries;

/// <summary>Curves over HTTP: /api/series for one key, /api/series/scope for every key of a scope.</summary>
public static class SeriesEndpoints
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    public static IEndpointRouteBuilder MapPortalSeries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/series", One).WithSummary("A curve (volume, success rate, latency percentiles) of one scope key over a range");
        app.MapGet("/api/series/scope", Scope).WithSummary("The curves of every key of a scope over a range, busiest first");
        return app;
    }

    private static async Task<IResult> One(string? scope, string? key, string? from, string? to, string? resolution, SeriesQueries series, CancellationToken ct)
    {
        if (!TryScope(scope, out var s, out var error) || !TryRange(from, to, out var range, ref error) || !TryLevel(resolution, out var level, ref error))
        {
            return Bad(error!);
        }
        if (s != WindowScope.All && string.IsNullOrEmpty(key)) return Bad("key: required for this scope.");
        var windowKey = s == WindowScope.All ? WindowKey.All : new WindowKey(s, key!);
        return Results.Ok(await series.GetAsync(windowKey, range.From, range.To, level, ct));
    }

    private static async Task<IResult> Scope(string? scope, string? from, string? to, string? resolution, SeriesQueries series, CancellationToken ct)
    {
        if (!TryScope(scope, out var s, out var error) || !TryRange(from, to, out var range, ref error) || !TryLevel(resolution, out var level, ref error))
        {
            return Bad(error!);
        }
        return Results.Ok(await series.ScopeAsync(s, range.From, range.To, level, ct));
    }

    public static bool TryScope(string? text, out WindowScope scope, out string? error)
    {
        error = null;
        if (Enum.TryParse(text ?? "All", ignoreCase: true, out scope) && Enum.IsDefined(scope)) return true;
        error = $"scope: must be one of {string.Join(", ", Enum.GetNames<WindowScope>())}, not '{text}'.";
        return false;
    }

    public static bool TryRange(string? from, string? to, out (DateTime From, DateTime To) range, ref string? error)
    {
        range = default;
        var now = DateTime.UtcNow;
        if (!TryTime(to, now, out var end)) { error = $"to: not an ISO 8601 time: '{to}'."; return false; }
        if (!TryTime(from, end.AddMinutes(-15), out var start)) { error = $"from: not an ISO 8601 time: '{from}'."; return false; }
        if (start >= end) { error = "from: must be before to."; return false; }
        if (end - start > MaxRange) { error = $"from: the range may span at most {MaxRange.TotalDays} days."; return false; }
        range = (start, end);
        return true;
    }

    private static bool TryLevel(string? text, out RollupLevel? level, ref string? error)
    {
        level = text switch
        {
            null or "" or "auto" => null,
            "1s" => RollupLevel.Second,
            "1m" => RollupLevel.Minute,
            "1h" => RollupLevel.Hour,
            _ => (RollupLevel)(-1),
        };
        if (level is not (RollupLevel)(-1)) return true;
        error = $"resolution: must be auto, 1s, 1m or 1h, not '{text}'.";
        return false;
    }

    private static bool TryTime(string? text, DateTime fallback, out DateTime time)
    {
        if (string.IsNullOrEmpty(text)) { time = fallback; return true; }
        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed);
        time = parsed.UtcDateTime;
        return ok;
    }

    private static IResult Bad(string error) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: error);
}
