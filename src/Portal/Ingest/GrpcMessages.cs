using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;

namespace Portal.Ingest;

/// <summary>
/// gRPC over HTTP/2 for unary calls, on top of Kestrel: the length-prefixed message framing (with gzip message
/// compression) and the status sent in trailers, or in the headers of a trailers-only answer.
/// </summary>
public static class GrpcMessages
{
    public const string ContentType = "application/grpc";

    /// <summary>The single request message of a unary call, or the status explaining why there is none.</summary>
    public static async Task<(byte[]? Message, GrpcStatus Status, string? Error)> ReadUnaryAsync(HttpRequest request, IngestHttpOptions options, CancellationToken ct)
    {
        var body = await RequestBody.ReadAsync(request, options, ct);
        if (body.Error is not null) return (null, GrpcStatus.ResourceExhausted, $"The request is larger than {options.MaxBodyBytes} bytes.");
        var data = body.Body.AsSpan(0, body.Length);
        if (data.Length < 5) return (null, GrpcStatus.InvalidArgument, "The request holds no gRPC message frame.");
        var compressed = data[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(data[1..5]);
        if (length != data.Length - 5) return (null, GrpcStatus.InvalidArgument, $"The message frame says {length} bytes but {data.Length - 5} follow (unary calls carry one message).");
        var message = data[5..].ToArray();
        if (compressed == 0) return (message, GrpcStatus.Ok, null);

        var encoding = request.Headers["grpc-encoding"].ToString();
        if (encoding != "gzip") return (null, GrpcStatus.Unimplemented, $"grpc-encoding '{encoding}' is not supported; use gzip or none.");
        try
        {
            await using var gzip = new GZipStream(new MemoryStream(message), CompressionMode.Decompress);
            await using var output = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = await gzip.ReadAsync(chunk, ct)) > 0)
            {
                if (output.Length + read > options.MaxDecompressedBytes)
                {
                    return (null, GrpcStatus.ResourceExhausted, $"The decompressed message is larger than {options.MaxDecompressedBytes} bytes.");
                }
                output.Write(chunk, 0, read);
            }
            return (output.ToArray(), GrpcStatus.Ok, null);
        }
        catch (InvalidDataException e)
        {
            return (null, GrpcStatus.InvalidArgument, $"The gzip message is corrupt: {e.Message}");
        }
    }

    public static async Task WriteReplyAsync(HttpResponse response, IMessage reply, CancellationToken ct)
    {
        response.ContentType = ContentType;
        var payload = reply.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        await response.Body.WriteAsync(frame, ct);
        response.AppendTrailer("grpc-status", "0");
    }

    /// <summary>A trailers-only answer: HTTP 200 with the gRPC status in the headers and no message.</summary>
    public static void WriteStatus(HttpResponse response, GrpcStatus status, string message)
    {
        response.ContentType = ContentType;
        response.Headers["grpc-status"] = ((int)status).ToString();
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
    }
}
