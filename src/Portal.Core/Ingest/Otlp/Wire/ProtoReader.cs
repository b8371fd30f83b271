using System.Buffers.Binary;

namespace Portal.Core.Ingest.Otlp.Wire;

/// <summary>
/// Reads the protobuf wire format field by field without allocating. Length-delimited fields come back as slices of
/// the input, so strings and attribute values can be validated and written to JSON straight from their UTF-8 bytes.
/// Malformed input raises <see cref="ProtobufFormatException"/>.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    public const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, StartGroup = 3, EndGroup = 4, Fixed32 = 5;

    /// <summary>The recursion limit of protobuf's own parsers.</summary>
    public const int MaxGroupDepth = 100;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool End => _position >= _data.Length;

    /// <summary>The next field's tag: <c>field number &lt;&lt; 3 | wire type</c>.</summary>
    public uint ReadTag()
    {
        var tag = ReadVarint();
        if (tag >> 3 == 0 || tag > uint.MaxValue) throw new ProtobufFormatException($"invalid field tag {tag} at offset {_position}");
        return (uint)tag;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length) throw new ProtobufFormatException("truncated varint");
            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new ProtobufFormatException("malformed varint");
    }

    public ulong ReadFixed64()
    {
        if (_data.Length - _position < 8) throw new ProtobufFormatException("truncated fixed64");
        var value = BinaryPrimitives.ReadUInt64LittleEndian(_data[_position..]);
        _position += 8;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes() => ReadBytes(out _);

    /// <summary>A length-delimited field; <paramref name="offset"/> is where its content starts in this reader's data.</summary>
    public ReadOnlySpan<byte> ReadBytes(out int offset)
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position)) throw new ProtobufFormatException("length-delimited field runs past the end of its message");
        offset = _position;
        _position += (int)length;
        return _data.Slice(offset, (int)length);
    }

    /// <summary>Where a length-delimited field's content lies in this reader's data, to be sliced again later.</summary>
    public Range ReadRange()
    {
        var bytes = ReadBytes(out var offset);
        return new Range(offset, offset + bytes.Length);
    }

    /// <summary>Skips a field the portal does not read, as protobuf parsers skip unknown fields.</summary>
    public void Skip(uint tag) => Skip(tag, 0);

    private void Skip(uint tag, int groupDepth)
    {
        switch ((int)(tag & 7))
        {
            case Varint: ReadVarint(); break;
            case Fixed64: Advance(8); break;
            case LengthDelimited: ReadBytes(); break;
            case Fixed32: Advance(4); break;
            case StartGroup: SkipGroup(tag >> 3, groupDepth + 1); break;
            default: throw new ProtobufFormatException($"invalid wire type {tag & 7} at offset {_position}");
        }
    }

    private void Advance(int count)
    {
        if (_data.Length - _position < count) throw new ProtobufFormatException("truncated fixed-size field");
        _position += count;
    }

    // Groups nest by recursion; without a bound, a body of repeated start-group tags overflows the stack and kills the process.
    private void SkipGroup(uint field, int depth)
    {
        if (depth > MaxGroupDepth) throw new ProtobufFormatException($"groups nested deeper than {MaxGroupDepth} levels at offset {_position}");
        while (!End)
        {
            var tag = ReadTag();
            if ((tag & 7) == EndGroup)
            {
                if (tag >> 3 != field) throw new ProtobufFormatException("mismatched end-group tag");
                return;
            }
            Skip(tag, depth);
        }
        throw new ProtobufFormatException("truncated group");
    }
}
