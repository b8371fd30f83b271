using Microsoft.AspNetCore.Mvc;

namespace Portal.Queries;

/// <summary>The transactions list's URL parameters as written (strings), shared by the /traces page and /api/transactions.</summary>
public sealed class TransactionParameters
{
    [FromQuery(Name = "service")] public string? Service { get; set; }
    [FromQuery(Name = "endpoint")] public string? Endpoint { get; set; }
    [FromQuery(Name = "instance")] public string? Instance { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "range")] public string? Range { get; set; }
    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "minMs")] public string? MinMs { get; set; }
    [FromQuery(Name = "maxMs")] public string? MaxMs { get; set; }
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public string? Page { get; set; }
}

public enum TransactionStatus
{
    All,
    Ok,
    Error,
}

/// <summary>How the list is ordered: by the matching span's start, or by the root's duration.</summary>
public enum TransactionSort
{
    TimeDescending,
    TimeAscending,
    DurationDescending,
    DurationAscending,
}

/// <summary>
/// Which transactions to list: those in which a span of <see cref="Service"/>/<see cref="Endpoint"/> (on <see cref="Instance"/>,
/// with attributes containing <see cref="Text"/>, lasting <see cref="MinMicros"/>..<see cref="MaxMicros"/>) started in the interval.
/// </summary>
public sealed record TransactionFilter(
    QueryTime Time, string? Service, string? Endpoint, string? Instance, TransactionStatus Status,
    long? MinMicros, long? MaxMicros, string? Text, TransactionSort Sort, int Page)
{
    public const int PageSize = 50;

    /// <summary>Without a time, the recent transactions: the last 15 minutes.</summary>
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromMinutes(15);

    public static readonly IReadOnlyList<string> SortKeys = ["time", "duration"];

    public static TransactionFilter Parse(TransactionParameters p, DateTime nowUtc, List<QueryError> errors)
    {
        var time = QueryTime.Parse(p.Range, p.From, p.To, nowUtc, DefaultSpan, errors);
        var min = QueryText.Millis(p.MinMs, "minMs", errors);
        var max = QueryText.Millis(p.MaxMs, "maxMs", errors);
        if (min is not null && max is not null && max <= min)
        {
            errors.Add(new("maxMs", "must be greater than minMs"));
            max = null;
        }
        return new TransactionFilter(
            time,
            QueryText.Text(p.Service, "service", errors),
            QueryText.Text(p.Endpoint, "endpoint", errors),
            QueryText.Text(p.Instance, "instance", errors),
            ParseStatus(p.Status, errors),
            min,
            max,
            QueryText.Text(p.Q, "q", errors),
            ParseSort(p.Sort, errors),
            QueryText.Page(p.Page, errors));
    }

    private static TransactionStatus ParseStatus(string? value, List<QueryError> errors)
    {
        switch (value?.ToLowerInvariant())
        {
            case null or "" or "all": return TransactionStatus.All;
            case "ok": return TransactionStatus.Ok;
            case "error": return TransactionStatus.Error;
            default:
                errors.Add(new("status", "must be all, ok or error"));
                return TransactionStatus.All;
        }
    }

    private static TransactionSort ParseSort(string? value, List<QueryError> errors)
    {
        switch (value)
        {
            case null or "" or "-time": return TransactionSort.TimeDescending;
            case "time": return TransactionSort.TimeAscending;
            case "-duration": return TransactionSort.DurationDescending;
            case "duration": return TransactionSort.DurationAscending;
            default:
                errors.Add(new("sort", "must be time, -time, duration or -duration"));
                return TransactionSort.TimeDescending;
        }
    }
}
