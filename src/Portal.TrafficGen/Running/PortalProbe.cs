using System.Net;
using System.Net.Sockets;
using System.Text;
using Portal.TrafficGen.Senders;

namespace Portal.TrafficGen.Running;

/// <summary>Checks before a run that the portal answers, accepts the key and (for OTLP/gRPC) listens on its gRPC port.</summary>
public static class PortalProbe
{
    /// <summary>Null when all is well, else one sentence saying what is wrong.</summary>
    public static async Task<string?> CheckAsync(SenderOptions options, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = options.BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var health = await http.GetAsync("/healthz", ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/calls")
            {
                Content = new StringContent("""{"records":[]}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Api-Key", options.ApiKey);
            using var answer = await http.SendAsync(request, ct);
            if (answer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                return $"The portal at {options.BaseUrl} refused the API key ({(int)answer.StatusCode}); check --key and the key's scopes.";
            if (answer.StatusCode == HttpStatusCode.NotFound)
                return $"{options.BaseUrl} answers but has no /api/ingest/calls: is it the portal?";
        }
        catch (HttpRequestException e)
        {
            return $"Cannot reach the portal at {options.BaseUrl}: {e.Message}";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"The portal at {options.BaseUrl} did not answer within 5 s.";
        }

        if (options.Format != TelemetryFormat.OtlpGrpc) return null;
        var grpc = options.GrpcUrl!;
        try
        {
            using var socket = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await socket.ConnectAsync(grpc.Host, grpc.Port, timeout.Token);
            return null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return $"Cannot reach the portal's OTLP/gRPC port at {grpc}: {e.Message}";
        }
    }
}
