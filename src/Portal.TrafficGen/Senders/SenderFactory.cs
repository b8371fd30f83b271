using Portal.TrafficGen.Running;
using Portal.TrafficGen.Senders.Otlp;

namespace Portal.TrafficGen.Senders;

/// <summary>The sender for a format.</summary>
public static class SenderFactory
{
    public static ITelemetrySender Create(SenderOptions options, TrafficStats stats)
    {
        options.Validate();
        return options.Format == TelemetryFormat.Native ? new NativeJsonSender(options, stats) : new OtlpSender(options, stats);
    }
}
