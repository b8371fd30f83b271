namespace Portal.TrafficGen.Simulation;

/// <summary>Exception text in the .NET format for a failure's error log line.</summary>
public static class StackTraces
{
    public static string For(ServiceProfile profile, ErrorSpec error, Random random)
    {
        var (type, method) = Split(error.Frame);
        var file = type.Replace('.', '/');
        return $"""
            {error.Exception}: {error.Message}
               at {profile.Namespace}.{type}.{method}() in /src/{profile.Namespace}/{file}.cs:line {random.Next(40, 400)}
               at {profile.Namespace}.Handlers.RequestHandler.HandleAsync(RequestContext context) in /src/{profile.Namespace}/Handlers/RequestHandler.cs:line {random.Next(20, 120)}
               at Bank.Platform.Rpc.ServerPipeline.InvokeAsync(RpcContext context) in /src/Bank.Platform/Rpc/ServerPipeline.cs:line 88
               at Bank.Platform.Rpc.ServerPipeline.InvokeAsync(RpcContext context) in /src/Bank.Platform/Rpc/ServerPipeline.cs:line 61
            """;
    }

    private static (string Type, string Method) Split(string frame)
    {
        var dot = frame.LastIndexOf('.');
        return (frame[..dot], frame[(dot + 1)..]);
    }
}
