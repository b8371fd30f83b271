using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portal.Queries;

namespace Portal.Tests.Ingest;

/// <summary>Native call records, log lines and CloudEvents over HTTP: stored once, refused whole when invalid.</summary>
public sealed class NativeIngestTests(IngestHostFixture host) : IClassFixture<IngestHostFixture>
{
    private static string NewTraceId() => Guid.NewGuid().ToString("N");
    private static string NewSpanId() => Guid.NewGuid().ToString("N")[..16];

    private static object Call(string traceId, string spanId, string? parent = null, bool success = true, string service = "accounts") => new
    {
        traceId, spanId, parentSpanId = parent, service, @interface = "debit", instance = $"{service}-1",
        startTime = DateTimeOffset.UtcNow.AddSeconds(-2).ToString("O"), durationMs = 12.5, resultCode = success ? "0000" : "E1042",
        success, message = success ? null : "insufficient funds", scenario = "transfer",
        attributes = new Dictionary<string, object> { ["channel"] = "mobile", ["amount"] = 10.5 },
    };

    private Task<HttpResponseMessage> PostJsonAsync(string path, object body, string? key = IngestHostFixture.Key, string contentType = "application/json")
    {
        var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, contentType);
        return host.CreateClient(key).PostAsync(path, content);
    }

    private async Task<TraceDto?> TraceAsync(string traceId)
    {
        var response = await host.CreateClient().GetAsync($"/api/traces/{traceId}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<TraceDto>();
    }

    [Fact]
    public async Task Call_records_are_stored_and_acknowledged_with_their_count()
    {
        var traceId = NewTraceId();
        var root = NewSpanId();
        var response = await PostJsonAsync("/api/ingest/calls", new { records = new[] { Call(traceId, root), Call(traceId, NewSpanId(), root, success: false, service: "ledger") } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        var trace = await TraceAsync(traceId);
        Assert.NotNull(trace);
        var failed = trace.Spans.Single(s => s.Service == "ledger");
        Assert.True(failed.IsError);
        Assert.Equal("E1042", failed.StatusCode);
        Assert.Equal("insufficient funds", failed.StatusMessage);
        Assert.Equal(root, failed.ParentSpanId);
        Assert.Equal(12_500, failed.DurationMicros);
        Assert.Equal("transfer", failed.Scenario);
    }

    [Fact]
    public async Task A_retried_batch_is_stored_once()
    {
        var traceId = NewTraceId();
        var batch = new { records = new[] { Call(traceId, NewSpanId()), Call(traceId, NewSpanId()) } };

        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync("/api/ingest/calls", batch)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync("/api/ingest/calls", batch)).StatusCode);

        Assert.Equal(2, (await TraceAsync(traceId))!.Spans.Count);
    }

    [Fact]
    public async Task Concurrent_duplicates_in_one_group_commit_are_stored_once()
    {
        var traceId = NewTraceId();
        var batch = new { records = new[] { Call(traceId, NewSpanId()) } };

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostJsonAsync("/api/ingest/calls", batch)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single((await TraceAsync(traceId))!.Spans);
    }

    [Fact]
    public async Task A_batch_with_an_invalid_record_is_refused_whole_naming_index_and_field()
    {
        var traceId = NewTraceId();
        var bad = new { traceId, spanId = "xyz", service = "accounts", @interface = "debit", instance = "a-1", startTime = DateTimeOffset.UtcNow.ToString("O"), durationMs = 1, success = true };
        var response = await PostJsonAsync("/api/ingest/calls", new { records = new object[] { Call(traceId, NewSpanId()), bad } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("records[1].spanId", problem);
        Assert.Null(await TraceAsync(traceId));
    }

    [Theory]
    [InlineData("{\"records\": [", "JSON")]
    [InlineData("[]", "JSON")]
    public async Task Malformed_json_is_a_400_with_a_message(string body, string mentioned)
    {
        var response = await host.CreateClient().PostAsync("/api/ingest/calls", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentioned, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_415_naming_the_expected_one()
    {
        var response = await PostJsonAsync("/api/ingest/calls", new { records = Array.Empty<object>() }, contentType: "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_wrong_and_out_of_scope_keys_are_refused_and_write_nothing()
    {
        var traceId = NewTraceId();
        var batch = new { records = new[] { Call(traceId, NewSpanId()) } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonAsync("/api/ingest/calls", batch, key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonAsync("/api/ingest/calls", batch, key: "not-a-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostJsonAsync("/api/ingest/calls", batch, key: IngestHostFixture.EventsOnlyKey)).StatusCode);
        Assert.Null(await TraceAsync(traceId));
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_with_413()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 80; i++) await gzip.WriteAsync(zeros); // 80 MiB of zeros, well under 1 MiB compressed
        }
        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        var response = await host.CreateClient().PostAsync("/api/ingest/calls", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("decompressed body", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_gzip_body_is_accepted()
    {
        var traceId = NewTraceId();
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(gzip, new { records = new[] { Call(traceId, NewSpanId()) } });
        }
        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().PostAsync("/api/ingest/calls", content)).StatusCode);
        Assert.Single((await TraceAsync(traceId))!.Spans);
    }

    [Fact]
    public async Task Log_lines_are_stored_and_found_by_trace()
    {
        var traceId = NewTraceId();
        var response = await PostJsonAsync("/api/ingest/logs", new
        {
            logs = new[]
            {
                new { time = DateTimeOffset.UtcNow.ToString("O"), service = "accounts", instance = "accounts-1", level = "error", message = "debit refused: <b>E1042</b>", traceId },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var logs = await host.CreateClient().GetFromJsonAsync<List<LogDto>>($"/api/traces/{traceId}/logs");
        var line = Assert.Single(logs!);
        Assert.Equal("Error", line.Level);
        Assert.Equal("debit refused: <b>E1042</b>", line.Message);
    }

    [Fact]
    public async Task CloudEvents_structured_and_batch_are_stored_once_and_searchable()
    {
        var type = $"com.bank.OrderCreated.{Guid.NewGuid():N}";
        var ev = new { specversion = "1.0", id = Guid.NewGuid().ToString(), source = "/orders", type, time = DateTimeOffset.UtcNow.ToString("O"), data = new { orderId = 7 } };

        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync("/api/ingest/events", ev, contentType: "application/cloudevents+json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync("/api/ingest/events", new[] { ev }, contentType: "application/cloudevents-batch+json")).StatusCode);
        var nodeDown = new { specversion = "1.0", id = "n1", source = "/infra", type = "NodeDown", subject = "payments-2" };
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync("/api/ingest/events", nodeDown, key: IngestHostFixture.EventsOnlyKey, contentType: "application/cloudevents+json")).StatusCode);

        var found = await host.CreateClient().GetFromJsonAsync<List<EventDto>>($"/api/events?type={type}");
        var stored = Assert.Single(found!);
        Assert.Equal("/orders", stored.Source);
        Assert.Contains("\"orderId\"", stored.Data);
    }

    [Fact]
    public async Task A_cloudevent_without_specversion_is_refused_naming_the_attribute()
    {
        var response = await PostJsonAsync("/api/ingest/events", new { id = "1", source = "/x", type = "T" }, contentType: "application/cloudevents+json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("specversion", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Query_parameters_out_of_range_are_400_naming_the_field()
    {
        var client = host.CreateClient();
        var badId = await client.GetAsync("/api/traces/not-hex");
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Contains("traceId", await badId.Content.ReadAsStringAsync());
        var badLimit = await client.GetAsync("/api/events?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Contains("limit", await badLimit.Content.ReadAsStringAsync());
    }
}
