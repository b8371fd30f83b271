using System.Text.Json;
using Google.Protobuf.Reflection;
using Portal.Core.Otlp.Proto.Collector.Logs.V1;
using Portal.Core.Otlp.Proto.Logs.V1;

namespace Portal.Core.Ingest.Otlp;

internal static partial class OtlpJsonReader
{
    private static readonly JsonFields LogsRequestFields = new("resourceLogs");
    private static readonly JsonFields ResourceLogsFields = new("resource", "scopeLogs");
    private static readonly JsonFields ScopeLogsFields = new("logRecords");
    private static readonly JsonFields LogRecordFields = new(
        "timeUnixNano", "observedTimeUnixNano", "severityNumber", "severityText", "body", "attributes", "traceId", "spanId");
    private static readonly EnumDescriptor SeverityNumberEnum = LogsReflection.Descriptor.FindTypeByName<EnumDescriptor>("SeverityNumber");

    public static ExportLogsServiceRequest ReadLogs(ReadOnlySpan<byte> json)
    {
        var reader = OpenRoot(json, "resourceLogs");
        var request = new ExportLogsServiceRequest();
        while (NextField(ref reader, LogsRequestFields, out var field))
        {
            try
            {
                if (field == 0) ReadArray(ref reader, request.ResourceLogs, ReadResourceLogs);
                else reader.Skip();
            }
            catch (JsonShapeException e)
            {
                throw e.At(LogsRequestFields.Name(field));
            }
        }
        CloseRoot(ref reader);
        return request;
    }

    private static ResourceLogs ReadResourceLogs(ref Utf8JsonReader reader)
    {
        RequireObject(ref reader);
        var resourceLogs = new ResourceLogs();
        while (NextField(ref reader, ResourceLogsFields, out var field))
        {
            try
            {
                switch (field)
                {
                    case 0: resourceLogs.Resource = ReadResource(ref reader); break;
                    case 1: ReadArray(ref reader, resourceLogs.ScopeLogs, ReadScopeLogs); break;
                    default: reader.Skip(); break;
                }
            }
            catch (JsonShapeException e)
            {
                throw e.At(ResourceLogsFields.Name(field));
            }
        }
        return resourceLogs;
    }

    private static ScopeLogs ReadScopeLogs(ref Utf8JsonReader reader)
    {
        RequireObject(ref reader);
        var scopeLogs = new ScopeLogs();
        while (NextField(ref reader, ScopeLogsFields, out var field))
        {
            try
            {
                if (field == 0) ReadArray(ref reader, scopeLogs.LogRecords, ReadLogRecord);
                else reader.Skip();
            }
            catch (JsonShapeException e)
            {
                throw e.At(ScopeLogsFields.Name(field));
            }
        }
        return scopeLogs;
    }

    private static LogRecord ReadLogRecord(ref Utf8JsonReader reader)
    {
        RequireObject(ref reader);
        var log = new LogRecord();
        while (NextField(ref reader, LogRecordFields, out var field))
        {
            try
            {
                switch (field)
                {
                    case 0: log.TimeUnixNano = ReadUInt64(ref reader); break;
                    case 1: log.ObservedTimeUnixNano = ReadUInt64(ref reader); break;
                    case 2: log.SeverityNumber = (SeverityNumber)ReadEnum(ref reader, SeverityNumberEnum); break;
                    case 3: log.SeverityText = ReadString(ref reader); break;
                    case 4: log.Body = ReadAnyValue(ref reader); break;
                    case 5: ReadArray(ref reader, log.Attributes, ReadKeyValue); break;
                    case 6: log.TraceId = ReadId(ref reader); break;
                    case 7: log.SpanId = ReadId(ref reader); break;
                    default: reader.Skip(); break;
                }
            }
            catch (JsonShapeException e)
            {
                throw e.At(LogRecordFields.Name(field));
            }
        }
        return log;
    }
}
