namespace Portal.Hosting;

/// <summary>A start-up failure with a message meant for the person starting the portal: printed alone, without a stack trace.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
