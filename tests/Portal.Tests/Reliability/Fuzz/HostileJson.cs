namespace Portal.Tests.Reliability.Fuzz;

/// <summary>JSON values that break decoders: wrong types, numbers no double holds, NUL and lone surrogates, impossible dates, depth, size.</summary>
public static class HostileJson
{
    private static readonly string[] Values =
    [
        "{}", "[]", "true", "null", "0", "-1", "\"\"", "\"x\"", "1e999", "-1e999", "NaN", "Infinity", "99999999999999999999999",
        "1e99999999", "-0", "1e-999", "0x10", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"9999-99-99T99:99:99Z\"",
        "\"0001-01-01T00:00:00+23:59\"", "\"9999-12-31T23:59:59.9999999-23:59\"", "\"2024-02-30T00:00:00Z\"", "\"2024-01-01T00:00:60Z\"",
        "\"ffffffffffffffffffffffffffffffff\"", "\"00000000000000000000000000000000\"", "{\"a\":{\"b\":[1,2,{\"c\":null}]}}",
    ];

    public static string Value(Random random) => random.Next(10) switch
    {
        0 => Deep(random.Next(50, 100_000)),
        1 => $"\"{new string('é', random.Next(10_000, 1_000_000))}\"",
        _ => Values[random.Next(Values.Length)],
    };

    public static string Deep(int depth) => new string('[', depth) + new string(']', depth);
}
