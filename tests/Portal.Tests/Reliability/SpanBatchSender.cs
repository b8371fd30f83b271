using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Portal.Tests.Reliability;

/// <summary>Posts batches of native call records with fresh ids, cheaply built so the client is not the bottleneck; records each answer.</summary>
public sealed class SpanBatchSender(HttpClient client, string service, int spansPerBatch)
{
    private long _spanCounter;

    public int SpansPerBatch => spansPerBatch;

    public async Task<IngestLoad.Answer> SendAsync()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.PostAsync("/api/ingest/calls", TelemetryBatches.Json(Build()));
            return new(DateTime.UtcNow, "/api/ingest/calls", (int)response.StatusCode, clock.Elapsed, response.Headers.RetryAfter is not null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new(DateTime.UtcNow, "/api/ingest/calls", 0, clock.Elapsed, false);
        }
    }

    private string Build()
    {
        var traceId = Guid.NewGuid().ToString("N");
        var start = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var json = new StringBuilder("{\"records\":[");
        for (var i = 0; i < spansPerBatch; i++)
        {
            if (i > 0) json.Append(',');
            var spanId = (Interlocked.Increment(ref _spanCounter) | 1L << 60).ToString("x16", CultureInfo.InvariantCulture);
            json.Append(CultureInfo.InvariantCulture,
                $$"""{"traceId":"{{traceId}}","spanId":"{{spanId}}","service":"{{service}}","interface":"pay","instance":"{{service}}-{{i % 4}}","startTime":"{{start}}","durationMs":{{i % 40 + 1}},"success":true}""");
        }
        return json.Append("]}").ToString();
    }
}
