using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal.Ingest;

/// <summary>A token bucket per ingest key, sized by the key's requests per second (ASP.NET Core rate limiting).</summary>
public static class IngestRateLimits
{
    public const string Policy = "ingest-key";

    public static IServiceCollection AddIngestRateLimits(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.AddPolicy(Policy, http =>
        {
            var presented = IngestKeyValidator.PresentedKey(http.Request);
            var key = presented is null ? null : http.RequestServices.GetRequiredService<IngestKeyValidator>().Find(presented);
            // Unknown keys are refused by the key check right after; unlimited keys skip the bucket.
            if (key is null || key.RatePerSecond <= 0) return RateLimitPartition.GetNoLimiter("unlimited");
            return RateLimitPartition.GetTokenBucketLimiter(key.Sha256, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = key.RatePerSecond,
                TokensPerPeriod = key.RatePerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            });
        });
        o.OnRejected = async (context, ct) =>
        {
            if ((context.HttpContext.Request.ContentType ?? "").StartsWith(GrpcMessages.ContentType, StringComparison.Ordinal))
            {
                GrpcMessages.WriteStatus(context.HttpContext.Response, GrpcStatus.ResourceExhausted, "This ingest API key is over its request rate.");
                return;
            }
            context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.HttpContext.Response.Headers.RetryAfter = "1";
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                detail: "This ingest API key is over its request rate; retry after a second.").ExecuteAsync(context.HttpContext);
        };
    });
}
