using System.IO.Compression;

namespace Portal.Tests.Reliability.Fuzz;

/// <summary>Gzip bodies: a plain compression, and a bomb that inflates far beyond the decompressed-size limit.</summary>
public static class GzipBodies
{
    private static readonly Dictionary<int, byte[]> Bombs = [];

    public static byte[] Compress(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest)) gzip.Write(bytes);
        return compressed.ToArray();
    }

    /// <summary><paramref name="mebibytes"/> MiB of zeros behind a JSON opening, a few KiB on the wire; built once per size.</summary>
    public static byte[] Bomb(int mebibytes)
    {
        lock (Bombs)
        {
            if (Bombs.TryGetValue(mebibytes, out var bomb)) return bomb;
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize))
            {
                gzip.Write("{\"records\":[\""u8);
                var zeros = new byte[1024 * 1024];
                for (var i = 0; i < mebibytes; i++) gzip.Write(zeros);
            }
            return Bombs[mebibytes] = compressed.ToArray();
        }
    }
}
