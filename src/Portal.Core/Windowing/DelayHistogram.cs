namespace Portal.Core.Windowing;

/// <summary>
/// How late records arrived: arrival time minus event time, in the seed's bands (0–3 s normal, up to a minute abnormal).
/// A record whose source clock runs ahead (negative delay) counts in the first band.
/// </summary>
public readonly record struct DelayHistogram(long UpTo1s, long From1To3s, long From3To10s, long From10To60s, long Over60s)
{
    public long Total => UpTo1s + From1To3s + From3To10s + From10To60s + Over60s;
}
