using System.Text;

namespace Portal.Core.Ingest.Otlp.Wire;

/// <summary>
/// Turns UTF-8 bytes into strings, reusing the string when the same bytes come again. The spans of one batch repeat a
/// handful of names, services and codes, so most records share their strings instead of allocating their own.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Slots = 64;
    private readonly byte[]?[] _keys = new byte[Slots][];
    private readonly string?[] _values = new string[Slots];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty) return "";
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slot = hash.ToHashCode() & (Slots - 1);
        if (_keys[slot] is { } key && utf8.SequenceEqual(key)) return _values[slot]!;
        var value = Encoding.UTF8.GetString(utf8);
        _keys[slot] = utf8.ToArray();
        _values[slot] = value;
        return value;
    }
}
