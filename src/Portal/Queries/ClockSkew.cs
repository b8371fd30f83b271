using Portal.Core.Records;

namespace Portal.Queries;

/// <summary>
/// Start times come from each instance's own clock, so a child can appear to start before its caller or end after it.
/// Such a child is shifted into its parent's interval (Jaeger's clock-skew adjustment, simplified): the shift is shown,
/// never hidden.
/// </summary>
public static class ClockSkew
{
    /// <summary>
    /// The start to draw a child at, given its parent's adjusted interval. A child on the parent's instance shares its
    /// clock and first inherits the parent's shift; an asynchronous child (a consumer, or a producer's callee) may
    /// legitimately end after its parent and is only kept from starting before it.
    /// </summary>
    public static DateTime AdjustedStart(SpanRecord child, SpanRecord parent, DateTime parentStart, TimeSpan parentShift)
    {
        var start = child.Instance == parent.Instance ? child.StartTime + parentShift : child.StartTime;
        var duration = TimeSpan.FromTicks(child.DurationMicros * 10);
        var parentEnd = parentStart + TimeSpan.FromTicks(parent.DurationMicros * 10);
        if (start < parentStart) return parentStart;
        if (IsAsynchronous(child, parent)) return start;
        if (start + duration > parentEnd) return parentEnd - duration > parentStart ? parentEnd - duration : parentStart;
        return start;
    }

    private static bool IsAsynchronous(SpanRecord child, SpanRecord parent) =>
        child.Kind == SpanKind.Consumer || parent.Kind == SpanKind.Producer;
}
