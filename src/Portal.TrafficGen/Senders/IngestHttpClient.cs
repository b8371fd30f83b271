using System.IO.Compression;
using System.Net.Http.Headers;
using Polly;
using Portal.TrafficGen.Running;

namespace Portal.TrafficGen.Senders;

/// <summary>
/// Posts JSON batches to the portal's ingest endpoints with the API key, optional gzip and the retry pipeline, and
/// records each batch's outcome in the stats.
/// </summary>
public sealed class IngestHttpClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TrafficStats _stats;
    private readonly bool _gzip;

    public IngestHttpClient(SenderOptions options, TrafficStats stats)
        : this(options, stats, new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency + 2, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
    }

    /// <summary>With a given handler: tests answer requests without a network.</summary>
    internal IngestHttpClient(SenderOptions options, TrafficStats stats, HttpMessageHandler handler)
    {
        _stats = stats;
        _gzip = options.Gzip;
        _pipeline = IngestRetryPipeline.Create(options.MaxRetries, options.RequestTimeout, stats);
        // The pipeline owns time-outs (per attempt); the client must not cut a retry sequence short.
        _http = new HttpClient(handler) { BaseAddress = options.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
    }

    public async Task PostAsync(string path, string mediaType, byte[] json, int records, CancellationToken ct)
    {
        var body = _gzip ? Compress(json) : json;
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                if (_gzip) request.Content.Headers.ContentEncoding.Add("gzip");
                return await _http.SendAsync(request, token);
            }, ct);
            if (response.IsSuccessStatusCode) _stats.Acknowledged(records);
            else _stats.Failed(records, $"{path}: {(int)response.StatusCode} {Clip(await response.Content.ReadAsStringAsync(ct))}");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            _stats.Failed(records, $"{path}: {e.Message}");
        }
    }

    public void Dispose() => _http.Dispose();

    private static byte[] Compress(byte[] json)
    {
        using var output = new MemoryStream(json.Length / 4);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(json);
        return output.ToArray();
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
