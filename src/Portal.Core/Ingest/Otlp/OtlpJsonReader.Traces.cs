using System.Text.Json;
using Google.Protobuf.Reflection;
using Portal.Core.Otlp.Proto.Collector.Trace.V1;
using Portal.Core.Otlp.Proto.Trace.V1;
using OtlpSpan = Portal.Core.Otlp.Proto.Trace.V1.Span;

namespace Portal.Core.Ingest.Otlp;

internal static partial class OtlpJsonReader
{
    private static readonly JsonFields TraceRequestFields = new("resourceSpans");
    private static readonly JsonFields ResourceSpansFields = new("resource", "scopeSpans");
    private static readonly JsonFields ScopeSpansFields = new("spans");
    private static readonly JsonFields SpanFields = new(
        "traceId", "spanId", "parentSpanId", "name", "kind", "startTimeUnixNano", "endTimeUnixNano", "attributes", "events", "links", "status");
    private static readonly JsonFields EventFields = new("timeUnixNano", "name", "attributes");
    private static readonly JsonFields LinkFields = new("traceId", "spanId", "attributes");
    private static readonly JsonFields StatusFields = new("message", "code");
    private static readonly EnumDescriptor SpanKindEnum = OtlpSpan.Descriptor.FindDescriptor<EnumDescriptor>("SpanKind");
    private static readonly EnumDescriptor StatusCodeEnum = Status.Descriptor.FindDescriptor<EnumDescriptor>("StatusCode");

    public static ExportTraceServiceRequest ReadTraces(ReadOnlySpan<byte> json)
    {
        var reader = OpenRoot(json, "resourceSpans");
        var request = new ExportTraceServiceRequest();
        while (NextField(ref reader, TraceRequestFields, out var field))
        {
            try
            {
                if (field == 0) ReadArray(ref reader, request.ResourceSpans, ReadResourceSpans);
                else reader.Skip();
            }
            catch (JsonShapeException e)
            {
                throw e.At(TraceRequestFields.Name(field));
            }
        }
        CloseRoot(ref reader);
        return request;
    }

    private static ResourceSpans ReadResourceSpans(ref Utf8JsonReader reader)
    {
        RequireObject(ref reader);
        var resourceSpans = new ResourceSpans();
        while (NextField(ref reader, ResourceSpansFields, out var field))
        {
            try
            {
                switch (field)
                {
                    case 0: resourceSpans.Resource = ReadResource(ref reader); break;
                    case 1: ReadArray(ref reader, resourceSpans.ScopeSpans, ReadScopeSpans); break;
                    default: reader.Skip(); break;
                }
            }
            catch (JsonShapeException e)
            {
                throw e.At(ResourceSpansFields.Name(field));
            }
        }
        return resourceSpans;
    }

    private static ScopeSpans ReadScopeSpans(ref Utf8JsonReader reader)
    {
        RequireObject(ref reader);
        var scopeSpans = new ScopeSpans();
        while (NextField(ref reader, ScopeSpansFields, out var field))
        {
            try
            {
                if (field == 0) ReadArray(ref reader, scopeSpans.Spans, ReadSpan);
                else reader.Skip();
            }
            catch (JsonShapeException e)
            {
                throw e.At(ScopeSpansFields.Name(field));
            }
        }
        return scopeSpans;
    }

    private static OtlpSpan ReadSpan(ref Utf8JsonReader reader)
    {
        RequireObject(ref reader);
        var span = new OtlpSpan();
        while (NextField(ref reader, SpanFields, out var field))
        {
            try
            {
                switch (field)
                {
                    case 0: span.TraceId = ReadId(ref reader); break;
                    case 1: span.SpanId = ReadId(ref reader); break;
                    case 2: span.ParentSpanId = ReadId(ref reader); break;
                    case 3: span.Name = ReadString(ref reader); break;
                    case 4: span.Kind = (OtlpSpan.Types.SpanKind)ReadEnum(ref reader, SpanKindEnum); break;
                    case 5: span.StartTimeUnixNano = ReadUInt64(ref reader); break;
                    case 6: span.EndTimeUnixNano = ReadUInt64(ref reader); break;
                    case 7: ReadArray(ref reader, span.Attributes, ReadKeyValue); break;
                    case 8: ReadArray(ref reader, span.Events, ReadEvent); break;
                    case 9: ReadArray(ref reader, span.Links, ReadLink); break;
                    case 10: span.Status = ReadStatus(ref reader); break;
                    default: reader.Skip(); break;
                }
            }
            catch (JsonShapeException e)
            {
                throw e.At(SpanFields.Name(field));
            }
        }
        return span;
    }

    private static OtlpSpan.Types.Event ReadEvent(ref Utf8JsonReader reader)
    {
        RequireObject(ref reader);
        var spanEvent = new OtlpSpan.Types.Event();
        while (NextField(ref reader, EventFields, out var field))
        {
            try
            {
                switch (field)
                {
                    case 0: spanEvent.TimeUnixNano = ReadUInt64(ref reader); break;
                    case 1: spanEvent.Name = ReadString(ref reader); break;
                    case 2: ReadArray(ref reader, spanEvent.Attributes, ReadKeyValue); break;
                    default: reader.Skip(); break;
                }
            }
            catch (JsonShapeException e)
            {
                throw e.At(EventFields.Name(field));
            }
        }
        return spanEvent;
    }

    private static OtlpSpan.Types.Link ReadLink(ref Utf8JsonReader reader)
    {
        RequireObject(ref reader);
        var link = new OtlpSpan.Types.Link();
        while (NextField(ref reader, LinkFields, out var field))
        {
            try
            {
                switch (field)
                {
                    case 0: link.TraceId = ReadId(ref reader); break;
                    case 1: link.SpanId = ReadId(ref reader); break;
                    case 2: ReadArray(ref reader, link.Attributes, ReadKeyValue); break;
                    default: reader.Skip(); break;
                }
            }
            catch (JsonShapeException e)
            {
                throw e.At(LinkFields.Name(field));
            }
        }
        return link;
    }

    private static Status ReadStatus(ref Utf8JsonReader reader)
    {
        RequireObject(ref reader);
        var status = new Status();
        while (NextField(ref reader, StatusFields, out var field))
        {
            try
            {
                switch (field)
                {
                    case 0: status.Message = ReadString(ref reader); break;
                    case 1: status.Code = (Status.Types.StatusCode)ReadEnum(ref reader, StatusCodeEnum); break;
                    default: reader.Skip(); break;
                }
            }
            catch (JsonShapeException e)
            {
                throw e.At(StatusFields.Name(field));
            }
        }
        return status;
    }
}
