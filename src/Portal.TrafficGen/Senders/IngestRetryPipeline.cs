using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Portal.TrafficGen.Running;

namespace Portal.TrafficGen.Senders;

/// <summary>
/// Polly pipeline for ingest requests: a per-attempt time-out inside exponential retries with jitter. Retries on 429,
/// 502, 503, 504, time-outs and connection errors; waits as long as the portal's Retry-After asks when it says so.
/// </summary>
public static class IngestRetryPipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Create(int maxRetries, TimeSpan attemptTimeout, TrafficStats stats) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, maxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(15),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => IsTransient(r.StatusCode)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    // The answer being retried is not handed back to anyone; release its connection now.
                    args.Outcome.Result?.Dispose();
                    stats.Retried();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(attemptTimeout)
            .Build();

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter) return null;
        if (retryAfter.Delta is { } delta) return delta;
        if (retryAfter.Date is { } date) return date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }
}
