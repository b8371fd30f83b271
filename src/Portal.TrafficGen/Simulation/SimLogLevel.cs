namespace Portal.TrafficGen.Simulation;

/// <summary>Log levels with the names the native format expects (<see cref="SimLogLevels.Name"/>).</summary>
public enum SimLogLevel
{
    Debug,
    Info,
    Warn,
    Error,
}

public static class SimLogLevels
{
    public static string Name(SimLogLevel level) => level switch
    {
        SimLogLevel.Debug => "debug",
        SimLogLevel.Info => "info",
        SimLogLevel.Warn => "warn",
        _ => "error",
    };
}
