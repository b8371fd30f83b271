using Portal.Queries;

namespace Portal.Tests.Queries;

public class FilterParsingTests
{
    private static readonly DateTime Now = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Without_parameters_transactions_cover_the_last_15_minutes()
    {
        var errors = new List<QueryError>();
        var filter = TransactionFilter.Parse(new TransactionParameters(), Now, errors);

        Assert.Empty(errors);
        Assert.Equal(new QueryTime(Now.AddMinutes(-15), Now), filter.Time);
        Assert.Equal(TransactionSort.TimeDescending, filter.Sort);
    }

    [Fact]
    public void Bad_values_name_their_field_and_fall_back()
    {
        var errors = new List<QueryError>();
        var filter = TransactionFilter.Parse(new TransactionParameters
        {
            From = "yesterday", To = "2025-03-01T12:00:00Z", Status = "broken", MinMs = "-1", Sort = "name", Page = "0",
        }, Now, errors);

        Assert.Equal(new[] { "from", "minMs", "page", "sort", "status" }, errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal(TransactionStatus.All, filter.Status);
        Assert.Equal(1, filter.Page);
    }

    [Fact]
    public void An_iso_interval_from_a_chart_is_used_as_given()
    {
        var errors = new List<QueryError>();
        var filter = TransactionFilter.Parse(new TransactionParameters
        {
            From = "2025-03-01T08:30:00.000Z", To = "2025-03-01T08:31:00.000Z", MinMs = "50", MaxMs = "100",
        }, Now, errors);

        Assert.Empty(errors);
        Assert.Equal(new DateTime(2025, 3, 1, 8, 30, 0, DateTimeKind.Utc), filter.Time.From);
        Assert.Equal(50_000, filter.MinMicros);
        Assert.Equal(100_000, filter.MaxMicros);
    }

    [Fact]
    public void A_trace_id_typed_as_log_text_becomes_the_trace_filter()
    {
        var errors = new List<QueryError>();
        var filter = LogFilter.Parse(new LogParameters { Q = "4bf92f3577b34da6a3ce929d0e0e4736" }, Now, errors);

        Assert.Empty(errors);
        Assert.True(filter.TextIsTraceId);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", filter.TraceId.ToString());
        Assert.True(filter.Terms.IsEmpty);
    }

    [Fact]
    public void Log_levels_and_ids_are_checked()
    {
        var errors = new List<QueryError>();
        var filter = LogFilter.Parse(new LogParameters { Level = "warning", SpanId = "xyz", TraceId = "12" }, Now, errors);

        Assert.Equal(Core.Records.LogLevel.Warn, filter.MinLevel);
        Assert.Equal(new[] { "spanId", "traceId" }, errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Duration_buckets_match_width_bucket_numbering()
    {
        Assert.Equal(0, DurationBuckets.Of(999));
        Assert.Equal(1, DurationBuckets.Of(1_000));
        Assert.Equal(DurationBuckets.Edges.Length, DurationBuckets.Of(120_000_000));
        Assert.Equal("50–100 ms", DurationBuckets.Label(DurationBuckets.Of(50_000)));
        Assert.Equal("500 ms–1 s", DurationBuckets.Label(DurationBuckets.Of(500_000)));
        Assert.Equal("1–2 s", DurationBuckets.Label(DurationBuckets.Of(1_000_000)));
    }
}
