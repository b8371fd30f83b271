using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Portal.Ingest;

namespace Portal.Hosting;

/// <summary>
/// Binds Kestrel: the HTTP/1.1 addresses given by --urls (or Urls, or ASPNETCORE_URLS), and the OTLP/gRPC port, which needs
/// HTTP/2 without TLS (prior knowledge) and therefore a listener of its own. Explicit listeners replace --urls in Kestrel,
/// so the URLs are bound here too.
/// </summary>
public static class KestrelEndpoints
{
    public static WebApplicationBuilder ConfigurePortalEndpoints(this WebApplicationBuilder builder)
    {
        var urls = (builder.Configuration["urls"] ?? "http://127.0.0.1:5080")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var grpcPort = builder.Configuration.GetValue<int?>($"{IngestKeyOptions.Section}:{nameof(IngestHttpOptions.GrpcPort)}") ?? 4317;

        var endpoints = urls.Select(Parse).ToList();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var endpoint in endpoints) kestrel.Listen(endpoint);
            if (grpcPort > 0) kestrel.Listen(new IPEndPoint(endpoints[0].Address, grpcPort), l => l.Protocols = HttpProtocols.Http2);
        });
        return builder;
    }

    private static IPEndPoint Parse(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri) || uri.Scheme != "http")
        {
            throw new StartupException($"The address '{url}' is not an http://HOST:PORT URL. (TLS belongs to a reverse proxy in front of the portal.)");
        }
        var address = uri.Host switch
        {
            "localhost" => IPAddress.Loopback,
            var host when IPAddress.TryParse(host.Trim('[', ']'), out var ip) => ip,
            var host => throw new StartupException($"The address '{url}' must use an IP address or localhost, not '{host}'."),
        };
        return new IPEndPoint(address, uri.Port);
    }
}
