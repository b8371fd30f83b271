using System.Text.Unicode;
using Google.Protobuf.Reflection;
using Portal.Core.Otlp.Proto.Collector.Logs.V1;
using Portal.Core.Otlp.Proto.Collector.Trace.V1;

namespace Portal.Core.Ingest.Otlp;

/// <summary>
/// Finds invalid UTF-8 in the string fields of OTLP protobuf bytes. Google.Protobuf for C# silently replaces bad
/// sequences with U+FFFD, while proto3 requires valid UTF-8 (Go receivers refuse such payloads), so the receiver walks
/// the wire format once more, guided by the message descriptors, and validates each string field.
/// </summary>
internal static class ProtobufUtf8
{
    private const int WireVarint = 0, WireFixed64 = 1, WireLengthDelimited = 2, WireStartGroup = 3, WireEndGroup = 4, WireFixed32 = 5;

    private static readonly Dictionary<MessageDescriptor, Plan> Plans = BuildPlans(
        ExportTraceServiceRequest.Descriptor, ExportLogsServiceRequest.Descriptor);

    /// <summary>
    /// The path of the first string field holding invalid UTF-8 (e.g. <c>resourceSpans[0].scopeSpans[0].spans[2].name</c>),
    /// or null. Call it after the bytes parsed, so they are known to be well-formed. It costs about a third of the parse,
    /// so decoders call it only when a decoded text holds U+FFFD.
    /// </summary>
    public static string? FindInvalidString(ReadOnlySpan<byte> data, MessageDescriptor root) => Walk(data, Plans[root]);

    private static string? Walk(ReadOnlySpan<byte> data, Plan plan)
    {
        Span<int> seen = stackalloc int[plan.Fields.Length];
        var pos = 0;
        while (pos < data.Length)
        {
            if (!TryReadVarint(data, ref pos, out var tag)) return null;
            var number = tag >> 3;
            switch ((int)(tag & 7))
            {
                case WireVarint:
                    if (!TryReadVarint(data, ref pos, out _)) return null;
                    break;
                case WireFixed64: pos += 8; break;
                case WireFixed32: pos += 4; break;
                case WireLengthDelimited:
                    if (!TryReadVarint(data, ref pos, out var length) || length > (ulong)(data.Length - pos)) return null;
                    var payload = data.Slice(pos, (int)length);
                    pos += (int)length;
                    var field = number < (ulong)plan.Fields.Length ? plan.Fields[number] : null;
                    if (field is null) break;
                    var index = field.Repeated ? seen[(int)number]++ : -1;
                    if (field.Message is null)
                    {
                        if (!Utf8.IsValid(payload)) return Segment(field, index);
                    }
                    else if (Walk(payload, field.Message) is { } inner)
                    {
                        return $"{Segment(field, index)}.{inner}";
                    }
                    break;
                case WireStartGroup:
                case WireEndGroup:
                    // OTLP has no groups and Google.Protobuf keeps them only as unknown fields: nothing of ours inside.
                    return null;
                default:
                    return null;
            }
        }
        return null;
    }

    private static string Segment(FieldPlan field, int index) => index < 0 ? field.JsonName : $"{field.JsonName}[{index}]";

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int pos, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && pos < data.Length; shift += 7)
        {
            var b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return true;
        }
        return false;
    }

    private static Dictionary<MessageDescriptor, Plan> BuildPlans(params MessageDescriptor[] roots)
    {
        var plans = new Dictionary<MessageDescriptor, Plan>();
        foreach (var root in roots) Add(root);
        return plans;

        Plan Add(MessageDescriptor descriptor)
        {
            if (plans.TryGetValue(descriptor, out var existing)) return existing;
            var maxNumber = 0;
            foreach (var field in descriptor.Fields.InFieldNumberOrder()) maxNumber = Math.Max(maxNumber, field.FieldNumber);
            var plan = new Plan(new FieldPlan?[maxNumber + 1]);
            plans.Add(descriptor, plan); // before recursing: AnyValue and KeyValue refer to each other
            foreach (var field in descriptor.Fields.InFieldNumberOrder())
            {
                if (field.FieldType == FieldType.String)
                    plan.Fields[field.FieldNumber] = new FieldPlan(field.JsonName, field.IsRepeated, null);
                else if (field.FieldType == FieldType.Message)
                    plan.Fields[field.FieldNumber] = new FieldPlan(field.JsonName, field.IsRepeated, Add(field.MessageType));
            }
            return plan;
        }
    }

    private sealed record Plan(FieldPlan?[] Fields);

    private sealed record FieldPlan(string JsonName, bool Repeated, Plan? Message);
}
