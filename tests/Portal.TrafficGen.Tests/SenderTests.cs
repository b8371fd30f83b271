using System.Net;
using Portal.TrafficGen.Running;
using Portal.TrafficGen.Senders;

namespace Portal.TrafficGen.Tests;

public sealed class SenderTests
{
    private static readonly SenderOptions Options = new(new Uri("http://portal.test"), "key") { MaxRetries = 3, RequestTimeout = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task A_429_is_retried_after_Retry_After_and_then_acknowledged()
    {
        var handler = new ScriptedHandler(Answer(HttpStatusCode.TooManyRequests, retryAfter: 0), Answer(HttpStatusCode.OK));
        var stats = new TrafficStats();
        using var client = new IngestHttpClient(Options, stats, handler);

        await client.PostAsync("/api/ingest/calls", "application/json", "{\"records\":[]}"u8.ToArray(), 7, CancellationToken.None);

        var snapshot = stats.Snapshot(DateTime.UtcNow, 0);
        Assert.Equal(7, snapshot.Acknowledged);
        Assert.Equal(1, snapshot.Retried);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("key", r.Headers.GetValues("X-Api-Key").Single()));
    }

    [Fact]
    public async Task A_400_is_not_retried_and_counts_as_failed_with_the_portals_reason()
    {
        var handler = new ScriptedHandler(Answer(HttpStatusCode.BadRequest, body: "records[3].spanId: must be 16 hex digits"));
        var stats = new TrafficStats();
        using var client = new IngestHttpClient(Options, stats, handler);

        await client.PostAsync("/api/ingest/calls", "application/json", "{}"u8.ToArray(), 5, CancellationToken.None);

        var snapshot = stats.Snapshot(DateTime.UtcNow, 0);
        Assert.Equal(5, snapshot.Failed);
        Assert.Equal(0, snapshot.Retried);
        Assert.Contains("must be 16 hex digits", snapshot.LastError);
    }

    [Fact]
    public async Task Gzip_bodies_are_marked_and_compressed()
    {
        var handler = new ScriptedHandler(Answer(HttpStatusCode.OK));
        using var client = new IngestHttpClient(Options with { Gzip = true }, new TrafficStats(), handler);
        var json = NativeJsonWriter.CallRecords(Samples.Generate(1, 20).SelectMany(t => t.Spans).ToList());

        await client.PostAsync("/api/ingest/calls", "application/json", json, 1, CancellationToken.None);

        Assert.Equal("gzip", handler.Requests[0].Content!.Headers.ContentEncoding.Single());
        Assert.True(handler.Bodies[0].Length < json.Length / 2);
    }

    private static Func<HttpResponseMessage> Answer(HttpStatusCode status, int? retryAfter = null, string body = "{}") => () =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
        if (retryAfter is { } seconds) response.Headers.RetryAfter = new(TimeSpan.FromSeconds(seconds));
        return response;
    };

    /// <summary>Answers requests in order from a script and keeps what it was sent.</summary>
    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];
        public List<byte[]> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Bodies.Add(await request.Content!.ReadAsByteArrayAsync(ct));
            Requests.Add(request);
            return answers[Math.Min(Requests.Count - 1, answers.Length - 1)]();
        }
    }
}
