using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Records;
using Portal.Queries;
using Portal.Tests.Ingest;

namespace Portal.Tests.Queries;

/// <summary>The page queries against real PostgreSQL, fed through the native ingest API.</summary>
public sealed class QueryHostTests(IngestHostFixture host) : IClassFixture<IngestHostFixture>
{
    private static readonly DateTime Base = DateTime.UtcNow.AddMinutes(-30).AddTicks(-(DateTime.UtcNow.Ticks % TimeSpan.TicksPerSecond));

    private static string NewTraceId() => Guid.NewGuid().ToString("N");
    private static string NewSpanId() => Guid.NewGuid().ToString("N")[..16];
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..20];

    private static object Call(string traceId, string spanId, string? parent, string service, DateTime start, double ms, bool success = true,
        string @interface = "debit", object? attributes = null) => new
    {
        traceId, spanId, parentSpanId = parent, service, @interface, instance = $"{service}-1",
        startTime = start.ToString("O"), durationMs = ms, success, resultCode = success ? "0000" : "E1042",
        message = success ? null : "insufficient funds", attributes,
    };

    private async Task PostAsync(string path, object body)
    {
        var response = await host.CreateClient().PostAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<T> WithScope<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private static TransactionFilter Filter(string service, DateTime from, DateTime to, TransactionStatus status = TransactionStatus.All,
        long? minMicros = null, long? maxMicros = null, string? text = null, TransactionSort sort = TransactionSort.TimeDescending) =>
        new(new QueryTime(from, to), service, null, null, status, minMicros, maxMicros, text, sort, 1);

    [Fact]
    public async Task Transactions_are_exactly_those_in_which_the_service_took_part_during_the_interval()
    {
        var ledger = Unique("ledger");
        var (inside, outside, other) = (NewTraceId(), NewTraceId(), NewTraceId());
        var (insideRoot, outsideRoot) = (NewSpanId(), NewSpanId());
        await PostAsync("/api/ingest/calls", new
        {
            records = new[]
            {
                // inside: the root starts 5 s before the interval; the ledger call is inside it and fails.
                Call(inside, insideRoot, null, "gateway", Base.AddSeconds(-5), 900, success: false, @interface: "POST /transfer"),
                Call(inside, NewSpanId(), insideRoot, ledger, Base.AddSeconds(1), 120, success: false, attributes: new { note = "100%_sure" }),
                Call(outside, outsideRoot, null, "gateway", Base.AddSeconds(70), 50),
                Call(outside, NewSpanId(), outsideRoot, ledger, Base.AddSeconds(70), 20),
                Call(other, NewSpanId(), null, Unique("accounts"), Base.AddSeconds(2), 10),
            },
        });

        var page = await WithScope(s => s.GetRequiredService<TransactionQueries>().ListAsync(Filter(ledger, Base, Base.AddMinutes(1)), CancellationToken.None));

        var row = Assert.Single(page.Rows);
        Assert.Equal(inside, row.TraceId);
        Assert.Equal("gateway", row.RootService);
        Assert.Equal("POST /transfer", row.RootEndpoint);
        Assert.True(row.RootFound);
        Assert.Equal(900_000, row.RootMicros);
        Assert.Equal(2, row.SpanCount);
        Assert.Equal(2, row.ErrorCount);
        Assert.Equal(120_000, row.MatchMicros);
        Assert.Equal(1, page.Total);
        Assert.Equal(1, page.Histogram.Single(b => b.Bucket == DurationBuckets.Of(120_000)).Count);

        var queries = (Func<TransactionFilter, Task<TransactionPage>>)(f => WithScope(s => s.GetRequiredService<TransactionQueries>().ListAsync(f, CancellationToken.None)));
        Assert.Empty((await queries(Filter(ledger, Base, Base.AddMinutes(1), TransactionStatus.Ok))).Rows);
        Assert.Single((await queries(Filter(ledger, Base, Base.AddMinutes(1), TransactionStatus.Error))).Rows);
        Assert.Empty((await queries(Filter(ledger, Base, Base.AddMinutes(1), minMicros: 200_000))).Rows);
        Assert.Single((await queries(Filter(ledger, Base, Base.AddMinutes(1), minMicros: 100_000, maxMicros: 200_000))).Rows);
        Assert.Single((await queries(Filter(ledger, Base, Base.AddMinutes(1), text: "100%_"))).Rows);
        Assert.Empty((await queries(Filter(ledger, Base, Base.AddMinutes(1), text: "100%x"))).Rows);
        Assert.Equal(2, (await queries(Filter(ledger, Base, Base.AddMinutes(2), sort: TransactionSort.DurationAscending))).Rows.Count);
        Assert.Equal(outside, (await queries(Filter(ledger, Base, Base.AddMinutes(2), sort: TransactionSort.DurationAscending))).Rows[0].TraceId);
    }

    [Fact]
    public async Task The_histogram_and_the_total_follow_the_status_filter_and_the_total_follows_the_duration_filter()
    {
        var ledger = Unique("ledger");
        var (failed, ok) = (NewTraceId(), NewTraceId());
        var failedRoot = NewSpanId();
        await PostAsync("/api/ingest/calls", new
        {
            records = new[]
            {
                // The ledger call succeeds but its transaction fails: the status is the whole trace's.
                Call(failed, failedRoot, null, "gateway", Base.AddSeconds(10), 900, success: false),
                Call(failed, NewSpanId(), failedRoot, ledger, Base.AddSeconds(11), 120),
                Call(ok, NewSpanId(), null, ledger, Base.AddSeconds(20), 20),
            },
        });
        var (slow, fast) = (DurationBuckets.Of(120_000), DurationBuckets.Of(20_000));
        Task<TransactionPage> List(TransactionStatus status, long? minMicros = null) =>
            WithScope(s => s.GetRequiredService<TransactionQueries>().ListAsync(Filter(ledger, Base, Base.AddMinutes(1), status, minMicros), CancellationToken.None));

        var all = await List(TransactionStatus.All);
        Assert.Equal(2, all.Total);
        Assert.Equal([ok, failed], all.Rows.Select(r => r.TraceId));
        Assert.Equal((1L, 1L), (all.Histogram[slow].Count, all.Histogram[fast].Count));

        var errors = await List(TransactionStatus.Error);
        Assert.Equal(1, errors.Total);
        Assert.Equal((1L, 0L), (errors.Histogram[slow].Count, errors.Histogram[fast].Count));

        var oks = await List(TransactionStatus.Ok);
        Assert.Equal(1, oks.Total);
        Assert.Equal((0L, 1L), (oks.Histogram[slow].Count, oks.Histogram[fast].Count));

        // The duration filter narrows the list and the total, not the histogram it is chosen from.
        var slowOnly = await List(TransactionStatus.All, minMicros: 100_000);
        Assert.Equal(1, slowOnly.Total);
        Assert.Equal([failed], slowOnly.Rows.Select(r => r.TraceId));
        Assert.Equal((1L, 1L), (slowOnly.Histogram[slow].Count, slowOnly.Histogram[fast].Count));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1)]
    public async Task Transactions_listed_by_start_page_in_the_order_of_their_traces_start(int candidatesPerRow)
    {
        var ledger = Unique("ledger");
        // 250 traces: the ledger call i at Base + i s lasting i + 1 ms; every third root starts 30 s earlier, so the order
        // of the traces' starts is not that of their ledger calls.
        var traces = Enumerable.Range(0, 250).Select(i => (Id: NewTraceId(), Root: NewSpanId(), Start: Base.AddSeconds(i - (i % 3 == 0 ? 30 : 0)), Index: i)).ToList();
        await PostAsync("/api/ingest/calls", new
        {
            records = traces.SelectMany(t => new[]
            {
                Call(t.Id, t.Root, null, "gateway", t.Start, 2_000),
                Call(t.Id, NewSpanId(), t.Root, ledger, Base.AddSeconds(t.Index), t.Index + 1),
            }),
        });
        Task<TransactionPage> List(TransactionSort sort, int page, long? minMicros = null) => WithScope(s =>
            new TransactionQueries(s.GetRequiredService<Portal.Storage.PortalDbContext>()) { CandidatesPerRow = candidatesPerRow }.ListAsync(
                Filter(ledger, Base, Base.AddMinutes(5), minMicros: minMicros, sort: sort) with { Page = page }, CancellationToken.None));
        var newestFirst = traces.OrderByDescending(t => t.Start).Select(t => t.Id).ToList();

        var pages = new List<TransactionPage>();
        for (var page = 1; page <= 5; page++) pages.Add(await List(TransactionSort.TimeDescending, page));

        Assert.Equal([50, 50, 50, 50, 50], pages.Select(p => p.Rows.Count));
        Assert.Equal([true, true, true, true, false], pages.Select(p => p.HasMore));
        Assert.All(pages, p => Assert.Equal(250, p.Total));
        Assert.Equal(newestFirst, pages.SelectMany(p => p.Rows).Select(r => r.TraceId));
        Assert.All(pages[0].Rows, r => Assert.InRange((r.Start - traces.Single(t => t.Id == r.TraceId).Start).Duration(), TimeSpan.Zero, TimeSpan.FromMicroseconds(1)));
        Assert.Equal(Enumerable.Reverse(newestFirst).Take(50), (await List(TransactionSort.TimeAscending, 1)).Rows.Select(r => r.TraceId));

        var slow = await List(TransactionSort.TimeDescending, 2, minMicros: 30_000);
        Assert.Equal(221, slow.Total);
        Assert.Equal(traces.Where(t => t.Index >= 29).OrderByDescending(t => t.Start).Skip(50).Take(50).Select(t => t.Id), slow.Rows.Select(r => r.TraceId));
    }

    [Fact]
    public async Task The_trace_view_reads_every_span_of_a_trace()
    {
        var traceId = NewTraceId();
        var root = NewSpanId();
        await PostAsync("/api/ingest/calls", new
        {
            records = new[] { Call(traceId, root, null, "gateway", Base, 100), Call(traceId, NewSpanId(), root, "ledger", Base.AddMilliseconds(-20), 30, success: false) },
        });

        var view = await WithScope(s => s.GetRequiredService<TraceQueries>().LoadAsync(TraceId.TryParse(traceId, out var id) ? id : default, CancellationToken.None));

        Assert.NotNull(view);
        Assert.Equal(2, view.Rows.Count);
        Assert.Equal(1, view.ErrorCount);
        Assert.Equal(TimeSpan.FromMilliseconds(20), view.Rows[1].Shift);
        Assert.Null(await WithScope(s => s.GetRequiredService<TraceQueries>().LoadAsync(new TraceId(1, 2), CancellationToken.None)));
    }

    private static object Log(string instance, DateTime time, string message, string level = "info", string? traceId = null) => new
    {
        time = time.ToString("O"), service = "ledger", instance, level, message, traceId,
    };

    private Task<LogPage> SearchAsync(string? q, string instance, LogLevel? level = null) =>
        WithScope(s => s.GetRequiredService<LogSearch>().SearchAsync(
            new LogFilter(new QueryTime(Base.AddMinutes(-1), Base.AddMinutes(5)), q, LogSearchTerms.Parse(q), null, instance, level, null, null, 1, false),
            CancellationToken.None));

    [Fact]
    public async Task Logs_are_found_by_phrase_and_by_prefix_and_hostile_input_is_harmless()
    {
        var instance = Unique("ledger");
        await PostAsync("/api/ingest/logs", new
        {
            logs = new[]
            {
                Log(instance, Base.AddSeconds(1), "credit failed: insufficient funds for account 42", "error"),
                Log(instance, Base.AddSeconds(2), "funds were insufficient yesterday"),
                Log(instance, Base.AddSeconds(3), "debiting account 42"),
                Log(instance, Base.AddSeconds(4), "debit ok"),
                Log(instance, Base.AddSeconds(5), "<script>window.__xss=1</script> script ignored"),
            },
        });

        Assert.Equal(["credit failed: insufficient funds for account 42"], (await SearchAsync("\"insufficient funds\"", instance)).Lines.Select(l => l.Message));
        Assert.Equal(2, (await SearchAsync("insufficient funds", instance)).Lines.Count);
        Assert.Equal(["debit ok", "debiting account 42"], (await SearchAsync("debi*", instance)).Lines.Select(l => l.Message));
        Assert.Equal(["debit ok"], (await SearchAsync("debit", instance)).Lines.Select(l => l.Message));
        Assert.Single((await SearchAsync("funds -yesterday", instance)).Lines);
        Assert.Single((await SearchAsync("insufficient", instance, LogLevel.Warn)).Lines);
        Assert.Single((await SearchAsync("'):*&|!<script>", instance)).Lines);
        Assert.Single((await SearchAsync("'):*&|!<scri*", instance)).Lines);
    }

    [Fact]
    public async Task A_search_across_midnight_pages_through_both_day_partitions_newest_first()
    {
        var word = $"w{Guid.NewGuid():N}"[..14];
        var midnight = DateTime.UtcNow.Date;
        // 150 lines, two per second: 74 before midnight (yesterday's partition), 76 after.
        var messages = Enumerable.Range(0, 150).Select(i => $"{word} line {i}").ToList();
        await PostAsync("/api/ingest/logs", new { logs = messages.Select((m, i) => Log(Unique("ledger"), midnight.AddSeconds(i / 2 - 37), m)) });
        Task<LogPage> Page(int page) => WithScope(s => s.GetRequiredService<LogSearch>().SearchAsync(
            new LogFilter(new QueryTime(midnight.AddMinutes(-5), midnight.AddMinutes(5)), word, LogSearchTerms.Parse(word), null, null, null, null, null, page, false),
            CancellationToken.None));

        var (first, second) = (await Page(1), await Page(2));

        Assert.Equal((LogFilter.PageSize, true), (first.Lines.Count, first.HasMore));
        Assert.Equal((50, false), (second.Lines.Count, second.HasMore));
        var found = first.Lines.Concat(second.Lines).ToList();
        Assert.Equal(found.OrderByDescending(l => l.Time).ThenByDescending(l => l.Id).Select(l => l.Id), found.Select(l => l.Id));
        Assert.Equal(messages.Order(), found.Select(l => l.Message).Order());
        Assert.Equal(74, found.Count(l => l.Time < midnight));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public async Task A_word_too_rare_among_the_newest_lines_is_found_through_the_index_in_the_same_order(int everyNth)
    {
        var word = $"w{Guid.NewGuid():N}"[..14];
        var start = DateTime.UtcNow.Date.AddHours(-3).AddMinutes(everyNth);
        // 400 lines, one in everyNth with the word, then 150 newer lines without it.
        var messages = Enumerable.Range(0, 400).Select(i => i % everyNth == 0 ? $"{word} line {i}" : $"filler line {i}")
            .Concat(Enumerable.Range(0, 150).Select(i => $"newer filler {i}")).ToList();
        await PostAsync("/api/ingest/logs", new { logs = messages.Select((m, i) => Log(Unique("ledger"), start.AddMilliseconds(100 * (i / 3)), m)) });
        Task<LogPage> Page(LogSearch search, int page) => search.SearchAsync(
            new LogFilter(new QueryTime(start, start.AddMinutes(1)), word, LogSearchTerms.Parse(word), null, null, null, null, null, page, false),
            CancellationToken.None);

        // Reading one newest line per line wanted finds too few matches, so every page comes from the GIN index.
        var (pages, expected) = await WithScope(async s =>
        {
            var db = s.GetRequiredService<Portal.Storage.PortalDbContext>();
            var (fallback, usual) = (new LogSearch(db) { LinesReadPerMatch = 1 }, new LogSearch(db));
            var found = new List<(LogPage, LogPage)>();
            for (var page = 1; page <= 3; page++) found.Add((await Page(fallback, page), await Page(usual, page)));
            return (found.Select(p => p.Item1).ToList(), found.Select(p => p.Item2).ToList());
        });

        Assert.Equal(expected.Select(p => p.Lines.Select(l => l.Id)), pages.Select(p => p.Lines.Select(l => l.Id)));
        Assert.Equal(expected.Select(p => p.HasMore), pages.Select(p => p.HasMore));
        var all = pages.SelectMany(p => p.Lines).ToList();
        Assert.Equal(400 / everyNth, all.Count);
        Assert.Equal(all.OrderByDescending(l => l.Time).ThenByDescending(l => l.Id).Select(l => l.Id), all.Select(l => l.Id));
    }

    [Fact]
    public async Task The_context_of_a_line_is_its_instance_neighbours_in_time_and_id_order()
    {
        var instance = Unique("tx");
        var lines = Enumerable.Range(0, 10).Select(i => Log(instance, Base.AddSeconds(10 + i / 2), $"step {i}")).ToList();
        lines.Add(Log(Unique("elsewhere"), Base.AddSeconds(12), "step other instance"));
        await PostAsync("/api/ingest/logs", new { logs = lines });
        var hit = (await SearchAsync("step", instance)).Lines.Single(l => l.Message == "step 5");

        var context = await WithScope(s => s.GetRequiredService<LogContext>().AroundAsync(instance, hit.Time, hit.Id, 3, CancellationToken.None));

        Assert.NotNull(context);
        Assert.Equal(["step 2", "step 3", "step 4"], context.Before.Select(l => l.Message));
        Assert.Equal("step 5", context.Hit.Message);
        Assert.Equal(["step 6", "step 7", "step 8"], context.After.Select(l => l.Message));
        Assert.Null(await WithScope(s => s.GetRequiredService<LogContext>().AroundAsync(instance, hit.Time, hit.Id + 100_000, 3, CancellationToken.None)));
    }

    [Theory]
    [InlineData("/api/transactions?minMs=abc", "minMs")]
    [InlineData("/api/transactions?status=maybe", "status")]
    [InlineData("/api/transactions?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z", "to")]
    [InlineData("/api/logs?traceId=xyz", "traceId")]
    [InlineData("/api/logs?level=loud", "level")]
    [InlineData("/api/logs/context?instance=a&time=now&id=1", "time")]
    [InlineData("/api/traces/nothex/view", "traceId")]
    public async Task Api_refuses_bad_parameters_naming_the_field(string url, string field)
    {
        var response = await host.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"{field}:", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/traces?minMs=abc&status=maybe", "minMs: must be")]
    [InlineData("/logs?level=loud", "level: must be")]
    [InlineData("/logs/context?id=x", "instance: required")]
    [InlineData("/traces/nothex", "Not a trace id")]
    [InlineData("/traces/4bf92f3577b34da6a3ce929d0e0e4736?span=zz", "This trace is not stored")]
    [InlineData("/events?range=3y", "range: must be")]
    public async Task Pages_explain_bad_parameters_instead_of_failing(string url, string message)
    {
        var response = await host.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
