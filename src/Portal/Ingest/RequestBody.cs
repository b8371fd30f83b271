using System.Buffers;
using System.IO.Compression;

namespace Portal.Ingest;

/// <summary>
/// Reads a request body within limits: at most <see cref="IngestHttpOptions.MaxBodyBytes"/> on the wire and, once gzip is
/// undone, at most <see cref="IngestHttpOptions.MaxDecompressedBytes"/> (a zip bomb stops there).
/// </summary>
public static class RequestBody
{
    /// <summary>Bodies usually say their length; otherwise reading starts with this much and doubles.</summary>
    private const int InitialBuffer = 64 * 1024;

    /// <summary>
    /// The body read into a buffer rented from the shared pool (a 500-span batch is about 70 KiB: allocated per request,
    /// it would land on the large-object heap and bring full collections). Dispose it once the body is decoded.
    /// </summary>
    public sealed class Result : IDisposable
    {
        private byte[]? _buffer;
        private readonly int _length;

        internal Result(byte[]? buffer, int length, IResult? error) => (_buffer, _length, Error) = (buffer, length, error);

        public IResult? Error { get; }

        public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, _length);

        public void Dispose()
        {
            if (_buffer is null) return;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

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

        // One byte more than a known length, so the end of the body is seen without growing the buffer.
        var size = encoding is "" or "identity" && request.ContentLength is { } declared ? (int)declared + 1 : InitialBuffer;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var length = 0;
        var handedOver = false;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            {
                length += read;
                if (length > limit) return TooLarge(limit, encoding == "gzip" ? "decompressed body" : "body");
                if (length == buffer.Length) buffer = Grow(buffer, length);
            }
            handedOver = true;
            return new(buffer, length, null);
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
        finally
        {
            if (!handedOver) ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
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
