using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Core.Records;

namespace Portal.Storage;

/// <summary>Trace and span ids are stored as bytea in network byte order, as OTLP sends them.</summary>
internal static class IdConverters
{
    public static readonly ValueConverter<TraceId, byte[]> Trace = new(id => id.ToBytes(), bytes => TraceId.FromBytes(bytes));
    public static readonly ValueConverter<SpanId, byte[]> Span = new(id => id.ToBytes(), bytes => SpanId.FromBytes(bytes));
}
