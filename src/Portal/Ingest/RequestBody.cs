using System.IO.Compression;

namespace Portal.Ingest;

/// <summary>
/// Reads a request body within limits: at most <see cref="IngestHttpOptions.MaxBodyBytes"/> on the wire and, once gzip is
/// undone, at most <see cref="IngestHttpOptions.MaxDecompressedBytes"/> (a zip bomb stops there).
/// </summary>
public static class RequestBody
{
    public sealed record Result(byte[]? Body, int Length, IResult? Error);

    public static async Task<Result> ReadAsync(HttpRequest request, IngestHttpOptions options, CancellationToken ct)
    {
        if (request.ContentLength > options.MaxBodyBytes) return TooLarge(options.MaxBodyBytes, "body");
        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        Stream source = request.Body;
        long limit = options.MaxBodyBytes;
        switch (encoding)
        {
            case "" or "identity":
                break;
            case "gzip":
                source = new GZipStream(new LimitedStream(request.Body, options.MaxBodyBytes), CompressionMode.Decompress);
                limit = options.MaxDecompressedBytes;
                break;
            default:
                return new(null, 0, IngestResults.Problem(StatusCodes.Status415UnsupportedMediaType,
                    $"Content-Encoding '{encoding}' is not supported; send identity or gzip."));
        }

        try
        {
            await using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = await source.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit) return TooLarge(limit, encoding == "gzip" ? "decompressed body" : "body");
                buffer.Write(chunk, 0, read);
            }
            return new(buffer.GetBuffer(), (int)buffer.Length, null);
        }
        catch (InvalidDataException e)
        {
            return new(null, 0, IngestResults.Problem(StatusCodes.Status400BadRequest, $"The gzip body is corrupt: {e.Message}"));
        }
        catch (LimitedStream.LimitExceededException)
        {
            return TooLarge(options.MaxBodyBytes, "body");
        }
        catch (BadHttpRequestException e)
        {
            return new(null, 0, IngestResults.Problem(e.StatusCode, e.Message));
        }
    }

    private static Result TooLarge(long limit, string what) =>
        new(null, 0, IngestResults.Problem(StatusCodes.Status413PayloadTooLarge, $"The {what} is larger than the limit of {limit} bytes."));

    /// <summary>Counts the compressed bytes so a huge gzip body is refused on the wire size too.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public sealed class LimitExceededException : Exception;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Count(await inner.ReadAsync(buffer, ct));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw new LimitExceededException() : read;
        }
    }
}
