using Portal.Core.Records;

namespace Portal.Queries;

/// <summary>
/// One span of the trace view's waterfall, in call order with its depth, drawn at <see cref="OffsetPercent"/> of the trace
/// for <see cref="WidthPercent"/> of it; <see cref="Shift"/> is the clock-skew adjustment applied to its start.
/// </summary>
public sealed record WaterfallRow(
    SpanRecord Span,
    int Depth,
    DateTime Start,
    TimeSpan Shift,
    double OffsetPercent,
    double WidthPercent,
    long SelfMicros,
    bool Critical,
    bool ParentMissing)
{
    public string SpanId => Span.SpanId.ToString();

    public DateTime End => Start.AddTicks(Span.DurationMicros * 10);

    public bool IsShifted => Shift != TimeSpan.Zero;
}
