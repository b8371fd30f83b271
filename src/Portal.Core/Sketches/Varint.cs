namespace Portal.Core.Sketches;

/// <summary>Unsigned LEB128 varints: small numbers (bucket gaps, most counts) take one byte.</summary>
internal static class Varint
{
    public const int MaxLength = 10;

    public static int Write(Span<byte> destination, ulong value)
    {
        var written = 0;
        while (value >= 0x80)
        {
            destination[written++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[written++] = (byte)value;
        return written;
    }

    public static ulong Read(ReadOnlySpan<byte> source, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= source.Length) throw new FormatException("A varint runs past the end of the data.");
            var b = source[position++];
            if (shift == 63 && b > 1) throw new FormatException("A varint overflows 64 bits.");
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new FormatException("A varint is longer than 10 bytes.");
    }
}
