using System.Text;
using System.Text.Unicode;

namespace Portal.Core.Ingest.Otlp.Wire;

/// <summary>Checks on protobuf strings while they are still UTF-8 bytes.</summary>
internal static class Utf8Text
{
    public const string InvalidUtf8 = "invalid UTF-8 in a protobuf string";

    /// <summary>
    /// Invalid UTF-8 is a fatal error (proto3 strings must be valid UTF-8); over <paramref name="maxChars"/> UTF-16
    /// characters is a rejection. A string of at most that many bytes cannot be longer in characters, so counting is
    /// needed only for long strings.
    /// </summary>
    public static FieldError? Check(ReadOnlySpan<byte> utf8, int maxChars, string field)
    {
        if (!Utf8.IsValid(utf8)) return new(field, InvalidUtf8, Fatal: true);
        if (utf8.Length <= maxChars) return null;
        var chars = Encoding.UTF8.GetCharCount(utf8);
        return chars <= maxChars ? null : new(field, $"must be at most {maxChars} characters, got {chars}");
    }
}
