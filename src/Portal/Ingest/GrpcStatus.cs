namespace Portal.Ingest;

/// <summary>The gRPC status codes the OTLP/gRPC receiver answers with.</summary>
public enum GrpcStatus
{
    Ok = 0,
    InvalidArgument = 3,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    Unimplemented = 12,
    Unavailable = 14,
    Unauthenticated = 16,
}
