namespace Portal.Tests.Reliability.Fuzz;

/// <summary>Byte-level damage that any format can suffer on the way: flipped bits, cuts, inserted garbage, invalid UTF-8.</summary>
public static class Mutations
{
    public static readonly string[] Names = ["flip", "truncate", "insert", "invalid-utf8", "duplicate-slice"];

    public static byte[] Apply(string name, byte[] bytes, Random random) => name switch
    {
        "flip" => Flip(bytes, random),
        "truncate" => bytes[..random.Next(bytes.Length)],
        "insert" => Insert(bytes, random.Next(bytes.Length + 1), RandomBytes(random, random.Next(1, 16))),
        "invalid-utf8" => Insert(bytes, random.Next(bytes.Length + 1), [0xC3, 0x28, 0xFF, 0xED, 0xA0, 0x80]),
        "duplicate-slice" => DuplicateSlice(bytes, random),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown mutation"),
    };

    public static byte[] Insert(byte[] bytes, int at, byte[] inserted) => [.. bytes[..at], .. inserted, .. bytes[at..]];

    private static byte[] Flip(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = random.Next(1, 9); i > 0; i--) copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private static byte[] DuplicateSlice(byte[] bytes, Random random)
    {
        var start = random.Next(bytes.Length);
        var length = random.Next(1, Math.Min(64, bytes.Length - start) + 1);
        return Insert(bytes, random.Next(bytes.Length + 1), bytes[start..(start + length)]);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
