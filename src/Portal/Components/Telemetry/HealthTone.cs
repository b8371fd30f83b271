using Portal.Components.Ui;

namespace Portal.Components.Telemetry;

/// <summary>The health colour of a service or endpoint from its success rate and p95 latency.</summary>
public static class HealthTone
{
    public const double ErrorRateWarn = 1, ErrorRateError = 5;
    public const double P95WarnMs = 500, P95ErrorMs = 2000;

    public static Tone Of(long count, long errors, double? p95Ms)
    {
        if (count == 0) return Tone.Neutral;
        var errorRate = 100.0 * errors / count;
        if (errorRate >= ErrorRateError || p95Ms >= P95ErrorMs) return Tone.Error;
        if (errorRate >= ErrorRateWarn || p95Ms >= P95WarnMs) return Tone.Warn;
        return Tone.Ok;
    }

    public static string Label(Tone tone) => tone switch
    {
        Tone.Ok => "healthy",
        Tone.Warn => "degraded",
        Tone.Error => "failing",
        _ => "idle",
    };
}
