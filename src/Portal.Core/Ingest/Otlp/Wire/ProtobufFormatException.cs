namespace Portal.Core.Ingest.Otlp.Wire;

/// <summary>Bytes that are not a well-formed protobuf message; the whole payload is refused.</summary>
internal sealed class ProtobufFormatException(string message) : Exception(message);
