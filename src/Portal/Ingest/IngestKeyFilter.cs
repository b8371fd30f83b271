namespace Portal.Ingest;

/// <summary>Refuses an ingest request without a valid API key for its scope (401/403) before its body is read.</summary>
public sealed class IngestKeyFilter(IngestKeyValidator validator, IngestKeyStore store, string scope) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = IngestKeyValidator.PresentedKey(context.HttpContext.Request);
        if (presented is null)
        {
            return IngestResults.Problem(StatusCodes.Status401Unauthorized,
                $"An ingest API key is required: send it in the {IngestKeyValidator.HeaderName} header or as a bearer token.");
        }
        var key = validator.Find(presented);
        if (key is null) return IngestResults.Problem(StatusCodes.Status401Unauthorized, "The ingest API key is not valid.");
        if (!IngestKeyValidator.Allows(key, scope))
        {
            return IngestResults.Problem(StatusCodes.Status403Forbidden, $"The ingest API key '{key.Name}' may not send {scope}.");
        }
        store.CountUse(key);
        return await next(context);
    }
}
