using Npgsql;
using NpgsqlTypes;

namespace Portal.Storage.Writers;

internal static class BinaryImporterExtensions
{
    /// <summary>Writes <paramref name="value"/>, or NULL when there is none.</summary>
    public static Task WriteNullableAsync<T>(this NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : class =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
}
