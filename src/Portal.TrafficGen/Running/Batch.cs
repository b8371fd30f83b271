using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Running;

/// <summary>Records of one kind that go in one request.</summary>
internal abstract record Batch(int Count)
{
    public sealed record Spans(List<SimSpan> Items) : Batch(Items.Count);
    public sealed record Logs(List<SimLog> Items) : Batch(Items.Count);
    public sealed record Events(List<SimEvent> Items) : Batch(Items.Count);
}
