using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Portal.Core.Records;

/// <summary>A 16-byte trace id: the seed's "global serial number", shared by every call of one transaction.</summary>
public readonly record struct TraceId(ulong High, ulong Low)
{
    public bool IsEmpty => High == 0 && Low == 0;

    public static TraceId FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 16
            ? new TraceId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]))
            : throw new ArgumentException("A trace id has 16 bytes.", nameof(bytes));

    public byte[] ToBytes()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), Low);
        return bytes;
    }

    /// <summary>Parses 32 hex digits (case-insensitive).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TraceId id)
    {
        id = default;
        if (text is null || text.Length != 32) return false;
        if (!ulong.TryParse(text.AsSpan(0, 16), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var high)) return false;
        if (!ulong.TryParse(text.AsSpan(16), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var low)) return false;
        id = new TraceId(high, low);
        return true;
    }

    public override string ToString() => $"{High:x16}{Low:x16}";
}
