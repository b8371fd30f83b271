using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Portal.Core.Records;

/// <summary>An 8-byte span id: the seed's "request serial number"; a parent span id is its "source request serial number".</summary>
public readonly record struct SpanId(ulong Value)
{
    public bool IsEmpty => Value == 0;

    public static SpanId FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 8
            ? new SpanId(BinaryPrimitives.ReadUInt64BigEndian(bytes))
            : throw new ArgumentException("A span id has 8 bytes.", nameof(bytes));

    public byte[] ToBytes()
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, Value);
        return bytes;
    }

    /// <summary>Parses 16 hex digits (case-insensitive).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SpanId id)
    {
        id = default;
        if (text is null || text.Length != 16) return false;
        if (!ulong.TryParse(text, System.Globalization.NumberStyles.AllowHexSpecifier, null, out var value)) return false;
        id = new SpanId(value);
        return true;
    }

    public override string ToString() => Value.ToString("x16");
}
