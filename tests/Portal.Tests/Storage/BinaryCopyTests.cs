using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Core.Records;
using Portal.Storage;
using Portal.Storage.Writers;
using Portal.Testing;

namespace Portal.Tests.Storage;

/// <summary>The rows the portal encodes itself for binary COPY, read back through EF Core field by field.</summary>
public sealed class BinaryCopyTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Every_field_is_stored_as_written_over_several_chunks()
    {
        var traceId = NewTraceId();
        var start = DateTime.UtcNow.AddMinutes(-1);
        var spans = new List<SpanRecord>
        {
            // Optional fields absent; a start with ticks below a microsecond, which PostgreSQL does not keep.
            new()
            {
                TraceId = traceId, SpanId = new SpanId(1), Service = "gateway", Endpoint = "GET /", Instance = "gw-1",
                StartTime = start.AddTicks(7), DurationMicros = 0,
            },
            // Every field, non-ASCII text, JSON with escapes, and attributes larger than one chunk of the buffer.
            new()
            {
                TraceId = traceId, SpanId = new SpanId(ulong.MaxValue), ParentSpanId = new SpanId(1),
                Service = "支付服务", Endpoint = "POST /转账 🚀", Instance = "10.0.0.1:8080", Kind = SpanKind.Consumer,
                StartTime = start.AddMilliseconds(3), DurationMicros = long.MaxValue / 2, IsError = true,
                StatusCode = "E051", StatusMessage = "余额不足 \"quoted\" \\ back", Scenario = "TRANSFER",
                AttributesJson = $$"""{"note":"{{new string('x', 100_000)}}","名":"值 \u00e9"}""",
                EventsJson = """[{"name":"exception","attributes":{"exception.message":"boom"}}]""",
            },
        };
        // Enough rows after them that the data leaves in several chunks.
        for (var i = 0; i < 600; i++)
        {
            spans.Add(new SpanRecord
            {
                TraceId = traceId, SpanId = new SpanId(1000 + (ulong)i), ParentSpanId = new SpanId(1), Service = $"svc-{i % 7}",
                Endpoint = "GET /items", Instance = "i-1", StartTime = start.AddMicroseconds(i), DurationMicros = i,
                AttributesJson = $$"""{"i":{{i}}}""",
            });
        }

        await WriteAsync(spans);

        var stored = await ReadAsync(traceId);
        Assert.Equal(spans.Count, stored.Count);
        foreach (var expected in spans)
        {
            var actual = stored.Single(s => s.SpanId == expected.SpanId);
            Assert.Equal(expected.TraceId, actual.TraceId);
            Assert.Equal(expected.ParentSpanId, actual.ParentSpanId);
            Assert.Equal(expected.Service, actual.Service);
            Assert.Equal(expected.Endpoint, actual.Endpoint);
            Assert.Equal(expected.Instance, actual.Instance);
            Assert.Equal(expected.Kind, actual.Kind);
            Assert.Equal(expected.StartTime.Ticks / 10 * 10, actual.StartTime.Ticks);
            Assert.Equal(DateTimeKind.Utc, actual.StartTime.Kind);
            Assert.Equal(expected.DurationMicros, actual.DurationMicros);
            Assert.Equal(expected.IsError, actual.IsError);
            Assert.Equal(expected.StatusCode, actual.StatusCode);
            Assert.Equal(expected.StatusMessage, actual.StatusMessage);
            Assert.Equal(expected.Scenario, actual.Scenario);
            Assert.Equal(expected.AttributesJson, actual.AttributesJson);
            Assert.Equal(expected.EventsJson, actual.EventsJson);
        }
    }

    [Fact]
    public async Task A_batch_written_again_is_stored_once()
    {
        var traceId = NewTraceId();
        var spans = Enumerable.Range(1, 300).Select(i => Span(traceId, (ulong)i)).ToList();

        await WriteAsync(spans[..100]);
        await WriteAsync(spans);

        Assert.Equal(300, (await ReadAsync(traceId)).Count);
    }

    [Fact]
    public async Task A_span_that_cannot_be_encoded_fails_the_batch_and_writes_none_of_it()
    {
        var traceId = NewTraceId();
        var spans = Enumerable.Range(1, 600).Select(i => Span(traceId, (ulong)i)).ToList();
        // After the first chunk has gone to the server: a lone surrogate has no UTF-8 form.
        spans.Add(new SpanRecord
        {
            TraceId = traceId, SpanId = new SpanId(9999), Service = "svc", Endpoint = "bad \ud800", Instance = "i",
            StartTime = DateTime.UtcNow, DurationMicros = 1,
        });

        await using var conn = new NpgsqlConnection(host.Factory.ConnectionString);
        await conn.OpenAsync();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => WriteAsync(conn, spans));
        Assert.Empty(await ReadAsync(traceId));

        // A local time is refused too, rather than stored as a shifted instant.
        var local = Span(traceId, 1);
        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(conn, [new SpanRecord
        {
            TraceId = local.TraceId, SpanId = local.SpanId, Service = local.Service, Endpoint = local.Endpoint,
            Instance = local.Instance, StartTime = DateTime.Now, DurationMicros = 1,
        }]));
        Assert.Empty(await ReadAsync(traceId));

        // The connection is left usable: the COPY was ended with a failure, the transaction rolled back.
        await WriteAsync(conn, spans[..10]);
        Assert.Equal(10, (await ReadAsync(traceId)).Count);
    }

    [Fact]
    public async Task Logs_and_events_are_stored_as_written()
    {
        var traceId = NewTraceId();
        var time = DateTime.UtcNow.AddMinutes(-2).AddTicks(3);
        var logs = new List<LogRecord>
        {
            new() { Time = time, Service = "gateway", Instance = "gw-1", Message = "started" },
            new()
            {
                Time = time.AddMilliseconds(1), Service = "支付服务", Instance = "10.0.0.1:8080", Level = LogLevel.Error,
                Message = "余额不足 \"quoted\" 🚀", TraceId = traceId, SpanId = new SpanId(ulong.MaxValue),
                AttributesJson = """{"account":"A-1","amount":12.5,"名":["值",null,true]}""",
            },
        };
        var eventId = $"evt-{Guid.NewGuid():N}";
        var cloudEvent = new EventRecord
        {
            Id = eventId, Source = "/orders/华东", Type = "OrderCreated", Time = time, Subject = "order 42",
            DataContentType = "application/json", DataJson = """{"order":42,"items":[{"sku":"ä"}]}""",
        };
        var bare = new EventRecord { Id = eventId + "-bare", Source = "/ops", Type = "NodeDown", Time = time };

        var batch = new TelemetryBatch();
        batch.Logs.AddRange(logs);
        batch.Events.AddRange([cloudEvent, bare]);
        await using (var conn = new NpgsqlConnection(host.Factory.ConnectionString))
        {
            await conn.OpenAsync();
            await TelemetryStore.WriteAsync(conn, batch, default);
        }

        using var scope = host.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var storedLogs = await db.Logs.AsNoTracking().Where(l => l.Time >= time.AddTicks(-3) && l.Time <= time.AddSeconds(1)).ToListAsync();
        foreach (var expected in logs)
        {
            var actual = Assert.Single(storedLogs, l => l.Message == expected.Message);
            Assert.Equal(expected.Time.Ticks / 10 * 10, actual.Time.Ticks);
            Assert.Equal(expected.Service, actual.Service);
            Assert.Equal(expected.Instance, actual.Instance);
            Assert.Equal(expected.Level, actual.Level);
            Assert.Equal(expected.TraceId, actual.TraceId);
            Assert.Equal(expected.SpanId, actual.SpanId);
            // jsonb keeps the meaning, not the spelling.
            Assert.True(JsonNode.DeepEquals(Parse(expected.AttributesJson), Parse(actual.AttributesJson)), actual.AttributesJson);
        }
        var storedEvents = await db.Events.AsNoTracking().Where(e => e.Id.StartsWith(eventId)).ToListAsync();
        foreach (var expected in new[] { cloudEvent, bare })
        {
            var actual = Assert.Single(storedEvents, e => e.Id == expected.Id);
            Assert.Equal(expected.Source, actual.Source);
            Assert.Equal(expected.Type, actual.Type);
            Assert.Equal(expected.Time.Ticks / 10 * 10, actual.Time.Ticks);
            Assert.Equal(expected.Subject, actual.Subject);
            Assert.Equal(expected.DataContentType, actual.DataContentType);
            Assert.True(JsonNode.DeepEquals(Parse(expected.DataJson), Parse(actual.DataJson)), actual.DataJson);
        }
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);

    private static TraceId NewTraceId() => new((ulong)Random.Shared.NextInt64(1, long.MaxValue), (ulong)Random.Shared.NextInt64(1, long.MaxValue));

    private static SpanRecord Span(TraceId traceId, ulong id) => new()
    {
        TraceId = traceId, SpanId = new SpanId(id), Service = "svc", Endpoint = "GET /", Instance = "i-1",
        StartTime = DateTime.UtcNow.AddSeconds(-10).AddMicroseconds(id), DurationMicros = (long)id,
        AttributesJson = $$"""{"n":"{{new string('y', 100)}}"}""",
    };

    private async Task WriteAsync(List<SpanRecord> spans)
    {
        await using var conn = new NpgsqlConnection(host.Factory.ConnectionString);
        await conn.OpenAsync();
        await WriteAsync(conn, spans);
    }

    private static async Task WriteAsync(NpgsqlConnection conn, List<SpanRecord> spans)
    {
        var batch = new TelemetryBatch();
        batch.Spans.AddRange(spans);
        await TelemetryStore.WriteAsync(conn, batch, default);
    }

    private async Task<List<SpanRecord>> ReadAsync(TraceId traceId)
    {
        using var scope = host.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Spans.AsNoTracking().Where(s => s.TraceId == traceId).ToListAsync();
    }
}
