using Microsoft.AspNetCore.Connections;

namespace Portal.Hosting;

/// <summary>Turns the start-up failures a person can fix into one clear sentence each.</summary>
public static class StartupFailure
{
    public static string? Explain(Exception e) => e switch
    {
        StartupException s => s.Message,
        IOException { InnerException: AddressInUseException } io =>
            $"{io.Message} Another program uses that port: stop it, or choose another with --urls http://127.0.0.1:PORT (HTTP) " +
            "or --Portal:Ingest:GrpcPort=PORT (OTLP/gRPC; 0 turns it off).",
        AggregateException { InnerExceptions.Count: 1 } a => Explain(a.InnerExceptions[0]),
        _ => null,
    };
}
