using Google.Protobuf;
using Portal.Core.Ingest.Otlp;
using Portal.Core.Otlp.Proto.Common.V1;
using Portal.Core.Otlp.Proto.Trace.V1;
using static Portal.Core.Tests.Ingest.Otlp;

namespace Portal.Core.Tests.Ingest;

/// <summary>Protobuf encodings that real encoders may produce but the generated classes never write in that form.</summary>
public class OtlpWireFormatTests
{
    private static byte[] Field(int number, WireFormat.WireType type, Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(number, type);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }

    private static byte[] Message(int number, params byte[][] fields) =>
        Field(number, WireFormat.WireType.LengthDelimited, o => o.WriteBytes(ByteString.CopyFrom(fields.SelectMany(f => f).ToArray())));

    [Fact]
    public void FieldsMayComeInAnyOrderAndUnknownOnesAreSkipped()
    {
        var span = Span().ToByteArray();
        var unknownVarint = Field(99, WireFormat.WireType.Varint, o => o.WriteUInt64(7));
        var unknownGroup = Field(98, WireFormat.WireType.StartGroup, o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt32(5);
            o.WriteTag(98, WireFormat.WireType.EndGroup);
        });
        var scopeSpans = Message(2, Message(2, span, unknownVarint, unknownGroup));
        var resource = Message(1, Message(1, Kv("service.name", "ledger").ToByteArray()));
        // ResourceSpans with its resource after the spans, and an unknown field around them.
        var payload = Message(1, scopeSpans, unknownVarint, resource);

        var result = OtlpTraceDecoder.DecodeProtobuf(payload, Now);

        Assert.Null(result.FatalError);
        var record = Assert.Single(result.Records);
        Assert.Equal("ledger", record.Service);
        Assert.Equal("POST /transfer", record.Endpoint);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(500_000)]
    public void UnknownGroupsNestedTooDeeplyAreAFormatErrorNotAStackOverflow(int depth)
    {
        // Field 15, wire type start-group, over and over: one request used to crash the whole host.
        var payload = Enumerable.Repeat((byte)(15 << 3 | 3), depth).ToArray();

        var result = OtlpTraceDecoder.DecodeProtobuf(payload, Now);

        Assert.Contains("groups nested deeper than 100 levels", result.FatalError);
    }

    [Fact]
    public void TheLastOneofMemberOnTheWireWins()
    {
        var value = new AnyValue { StringValue = "first" }.ToByteArray()
            .Concat(new AnyValue { IntValue = 42 }.ToByteArray()).ToArray();
        var attribute = Message(9, Field(1, WireFormat.WireType.LengthDelimited, o => o.WriteString("k")),
            Field(2, WireFormat.WireType.LengthDelimited, o => o.WriteBytes(ByteString.CopyFrom(value))));
        var span = Span().ToByteArray().Concat(attribute).ToArray();
        var payload = Message(1, Message(2, Message(2, span)));

        Assert.Equal("""{"k":42}""", Assert.Single(OtlpTraceDecoder.DecodeProtobuf(payload, Now).Records).AttributesJson);
    }

    [Fact]
    public void TruncatedBytesAreFatal()
    {
        var bytes = Traces(Span()).ToByteArray();
        var result = OtlpTraceDecoder.DecodeProtobuf(bytes.AsSpan(0, bytes.Length - 3), Now);
        Assert.Equal("invalid protobuf: length-delimited field runs past the end of its message", result.FatalError);
    }

    [Fact]
    public void ADeeplyNestedValueIsFatal()
    {
        var value = new AnyValue { StringValue = "leaf" };
        for (var i = 0; i < 70; i++)
        {
            var array = new ArrayValue();
            array.Values.Add(value);
            value = new AnyValue { ArrayValue = array };
        }
        var span = Span();
        span.Attributes.Add(new KeyValue { Key = "deep", Value = value });
        Assert.Equal("invalid protobuf: attribute values nested deeper than 64 levels",
            OtlpTraceDecoder.DecodeProtobuf(Traces(span).ToByteArray(), Now).FatalError);
    }

    [Fact]
    public void InvalidUtf8InTheResourceIsFatal()
    {
        var bytes = Traces(Resource(Kv("service.name", "pay")), Span()).ToByteArray();
        bytes[bytes.AsSpan().IndexOf("pay"u8)] = 0xFF;
        Assert.Equal("resourceSpans[0].resource.attributes[0].value.stringValue: invalid UTF-8 in a protobuf string",
            OtlpTraceDecoder.DecodeProtobuf(bytes, Now).FatalError);
    }

    [Fact]
    public void InvalidUtf8DeepInsideAValueNamesThePath()
    {
        var list = new KeyValueList();
        list.Values.Add(Kv("inner", "xyz"));
        var array = new ArrayValue();
        array.Values.Add(new AnyValue { IntValue = 1 });
        array.Values.Add(new AnyValue { KvlistValue = list });
        var span = Span();
        span.Attributes.Add(new KeyValue { Key = "a", Value = new AnyValue { ArrayValue = array } });
        var bytes = Traces(span).ToByteArray();
        bytes[bytes.AsSpan().IndexOf("xyz"u8)] = 0x80;
        Assert.Equal("resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value.arrayValue.values[1].kvlistValue.values[0].value.stringValue: invalid UTF-8 in a protobuf string",
            OtlpTraceDecoder.DecodeProtobuf(bytes, Now).FatalError);
    }

    [Fact]
    public void InvalidUtf8InAFieldThePortalDoesNotStoreIsIgnored()
    {
        var request = Traces(Span());
        request.ResourceSpans[0].ScopeSpans[0].Scope.Name = "lib-xyz";
        var bytes = request.ToByteArray();
        bytes[bytes.AsSpan().IndexOf("xyz"u8)] = 0xFF;
        Assert.Single(OtlpTraceDecoder.DecodeProtobuf(bytes, Now).Records);
    }
}
