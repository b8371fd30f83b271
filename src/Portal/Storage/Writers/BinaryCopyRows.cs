using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Portal.Storage.Writers;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (the header, then per row a field count and each field as its length and
/// its bytes in the type's binary form), collected in a pooled buffer that the caller sends through Npgsql's raw COPY
/// stream in chunks. Only the types the portal's tables use are here.
/// </summary>
internal sealed class BinaryCopyRows : IDisposable
{
    /// <summary>The buffer's first size; the caller sends what it holds once past <see cref="FlushBytes"/>.</summary>
    private const int ChunkBytes = 64 * 1024;
    public const int FlushBytes = 48 * 1024;

    /// <summary>The 11-byte signature, then the flags field and the header extension length, both 0.</summary>
    private static readonly byte[] Header = [.. "PGCOPY\n"u8, 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    /// <summary>Throws on a lone surrogate, as Npgsql's own text encoding does, rather than storing a replacement character.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    /// <summary>timestamptz counts microseconds from 2000-01-01 00:00 UTC.</summary>
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    private int _used;

    public BinaryCopyRows() => Append(Header);

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _used);

    public int Length => _used;

    /// <summary>Starts a row of <paramref name="fields"/> fields. Each field makes room for itself.</summary>
    public void StartRow(short fields)
    {
        Reserve(2);
        WriteInt16(fields);
    }

    /// <summary>Forgets what was sent, keeping the buffer.</summary>
    public void Clear() => _used = 0;

    /// <summary>Ends the data: a field count of -1.</summary>
    public void Finish()
    {
        Reserve(2);
        WriteInt16(-1);
    }

    public void Null()
    {
        Reserve(4);
        WriteInt32(-1);
    }

    public void Timestamp(DateTime utc)
    {
        // Npgsql refuses a local or unspecified time for timestamptz; so does this, instead of storing a shifted instant.
        if (utc.Kind != DateTimeKind.Utc) throw new ArgumentException($"A timestamptz needs a UTC time; got Kind={utc.Kind}.", nameof(utc));
        Reserve(12);
        WriteInt32(8);
        BinaryPrimitives.WriteInt64BigEndian(Free, (utc.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
        _used += 8;
    }

    /// <summary>A bytea of the big-endian bytes of <paramref name="high"/> then <paramref name="low"/>.</summary>
    public void Bytes16(ulong high, ulong low)
    {
        Reserve(20);
        WriteInt32(16);
        BinaryPrimitives.WriteUInt64BigEndian(Free, high);
        BinaryPrimitives.WriteUInt64BigEndian(Free[8..], low);
        _used += 16;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Reserve(4 + value.Length);
        WriteInt32(value.Length);
        value.CopyTo(Free);
        _used += value.Length;
    }

    /// <summary>A bytea of the big-endian bytes of <paramref name="value"/>: on the wire, the same bytes as a bigint's.</summary>
    public void Bytes8(ulong value) => Int64(unchecked((long)value));

    public void Int16(short value)
    {
        Reserve(6);
        WriteInt32(2);
        WriteInt16(value);
    }

    public void Int64(long value)
    {
        Reserve(12);
        WriteInt32(8);
        BinaryPrimitives.WriteInt64BigEndian(Free, value);
        _used += 8;
    }

    public void Boolean(bool value)
    {
        Reserve(5);
        WriteInt32(1);
        _buffer[_used++] = value ? (byte)1 : (byte)0;
    }

    /// <summary>A text or json field (json's binary form is its text), or NULL.</summary>
    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        // Room for the worst case, 3 bytes per char; the length word is written once the bytes are counted.
        Reserve(4 + Utf8.GetMaxByteCount(value.Length));
        var length = Utf8.GetBytes(value, _buffer.AsSpan(_used + 4));
        BinaryPrimitives.WriteInt32BigEndian(Free, length);
        _used += 4 + length;
    }

    /// <summary>A jsonb field (its binary form is a version byte, 1, then the text), or NULL.</summary>
    public void Jsonb(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        Reserve(5 + Utf8.GetMaxByteCount(value.Length));
        _buffer[_used + 4] = 1;
        var length = 1 + Utf8.GetBytes(value, _buffer.AsSpan(_used + 5));
        BinaryPrimitives.WriteInt32BigEndian(Free, length);
        _used += 4 + length;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private Span<byte> Free => _buffer.AsSpan(_used);

    private void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(Free, value);
        _used += 2;
    }

    private void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Free, value);
        _used += 4;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(Free);
        _used += bytes.Length;
    }

    private void Reserve(int bytes)
    {
        if (_used + bytes <= _buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _used + bytes));
        _buffer.AsSpan(0, _used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
