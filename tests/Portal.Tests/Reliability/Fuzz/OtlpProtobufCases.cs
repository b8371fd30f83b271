using Google.Protobuf;
using Portal.Core.Otlp.Proto.Collector.Trace.V1;
using Portal.Core.Otlp.Proto.Common.V1;
using Portal.Core.Otlp.Proto.Resource.V1;
using Portal.Core.Otlp.Proto.Trace.V1;

namespace Portal.Tests.Reliability.Fuzz;

/// <summary>
/// OTLP/protobuf trace exports built with the generated classes, then damaged: byte mutations, huge varints, attribute
/// values nested far too deep, unknown groups nested thousands deep, huge strings and attribute counts.
/// </summary>
public static class OtlpProtobufCases
{
    private static readonly string[] Kinds = [.. Mutations.Names, "huge-varint", "deep-anyvalue", "deep-groups", "huge-string", "many-attributes", "control"];

    public static FuzzCase Create(int index, Random random)
    {
        var traceId = Guid.NewGuid().ToByteArray();
        var kind = Kinds[random.Next(Kinds.Length)];
        var request = Request(traceId, random);
        byte[] body = kind switch
        {
            "huge-varint" => Mutations.Insert(request.ToByteArray(), random.Next(request.CalculateSize() + 1),
                [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
            "deep-anyvalue" => WithAttribute(request, Nested(random.Next(60, 400), random)).ToByteArray(),
            "deep-groups" => [.. request.ToByteArray(), .. Enumerable.Repeat((byte)0x7B, random.Next(1_000, 200_000))], // field 15, start group
            "huge-string" => WithAttribute(request, new AnyValue { StringValue = new string('x', random.Next(10_000, 2_000_000)) }).ToByteArray(),
            "many-attributes" => ManyAttributes(request, random.Next(129, 20_000)).ToByteArray(),
            "control" => request.ToByteArray(),
            _ => Mutations.Apply(kind, request.ToByteArray(), random),
        };
        return new FuzzCase($"#{index} otlp-protobuf/{kind}", "/v1/traces", "application/x-protobuf", body)
        {
            TraceIds = [Convert.ToHexStringLower(traceId)],
            Control = kind == "control",
        };
    }

    private static ExportTraceServiceRequest Request(byte[] traceId, Random random)
    {
        var resource = new Resource();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "fuzz-otlp" } });
        var scope = new ScopeSpans();
        var now = (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        for (var i = 0; i < 3; i++)
        {
            var span = new Span
            {
                TraceId = ByteString.CopyFrom(traceId),
                SpanId = ByteString.CopyFrom(BitConverter.GetBytes(random.NextInt64(1, long.MaxValue))),
                Name = "GET /fuzz",
                Kind = Span.Types.SpanKind.Server,
                StartTimeUnixNano = now,
                EndTimeUnixNano = now + 1_000_000,
                Status = new Status { Code = i == 2 ? Status.Types.StatusCode.Error : Status.Types.StatusCode.Ok, Message = "é漢字" },
            };
            span.Attributes.Add(new KeyValue { Key = "n", Value = new AnyValue { IntValue = random.NextInt64() } });
            span.Attributes.Add(new KeyValue { Key = "d", Value = new AnyValue { DoubleValue = random.NextDouble() } });
            span.Events.Add(new Span.Types.Event { Name = "retry", TimeUnixNano = now + 10 });
            scope.Spans.Add(span);
        }
        var resourceSpans = new ResourceSpans { Resource = resource };
        resourceSpans.ScopeSpans.Add(scope);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(resourceSpans);
        return request;
    }

    private static AnyValue Nested(int depth, Random random)
    {
        var value = new AnyValue { StringValue = "leaf" };
        for (var i = 0; i < depth; i++)
        {
            if (random.Next(2) == 0)
            {
                var list = new KeyValueList();
                list.Values.Add(new KeyValue { Key = "k", Value = value });
                value = new AnyValue { KvlistValue = list };
            }
            else
            {
                var array = new ArrayValue();
                array.Values.Add(value);
                value = new AnyValue { ArrayValue = array };
            }
        }
        return value;
    }

    private static ExportTraceServiceRequest WithAttribute(ExportTraceServiceRequest request, AnyValue value)
    {
        request.ResourceSpans[0].ScopeSpans[0].Spans[0].Attributes.Add(new KeyValue { Key = "hostile", Value = value });
        return request;
    }

    private static ExportTraceServiceRequest ManyAttributes(ExportTraceServiceRequest request, int count)
    {
        var attributes = request.ResourceSpans[0].ScopeSpans[0].Spans[1].Attributes;
        for (var i = 0; i < count; i++) attributes.Add(new KeyValue { Key = $"a{i}", Value = new AnyValue { BoolValue = true } });
        return request;
    }
}
