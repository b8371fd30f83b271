using System.Text;
using System.Text.Unicode;

namespace Portal.Core.Ingest;

/// <summary>Whole-payload checks every JSON decoder runs first.</summary>
internal static class JsonPayload
{
    /// <summary>Drops a UTF-8 byte order mark, refuses an empty body and checks the encoding; returns the fatal error, or null.</summary>
    public static string? Prepare(ref ReadOnlySpan<byte> json)
    {
        if (json.StartsWith("\uFEFF"u8)) json = json[3..];
        if (json.Trim(" \t\r\n"u8).IsEmpty) return "payload is empty";
        if (Utf8.IsValid(json)) return null;
        return $"payload is not valid UTF-8 (first invalid byte at offset {FirstInvalidByte(json)})";
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done) return offset;
            offset += consumed;
        }
        return offset;
    }
}
