namespace Portal.TrafficGen.Delivery;

/// <summary>Records ordered by delivery moment; thread-safe. Producers add, the dispatcher takes what is due.</summary>
public sealed class DelayQueue
{
    private readonly PriorityQueue<Outgoing, DateTime> _queue = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get { lock (_gate) return _queue.Count; }
    }

    public void AddRange(IEnumerable<Outgoing> items)
    {
        lock (_gate)
            foreach (var item in items) _queue.Enqueue(item, item.Due);
    }

    /// <summary>Removes up to <paramref name="max"/> records due at or before <paramref name="now"/>, earliest first.</summary>
    public List<Outgoing> TakeDue(DateTime now, int max)
    {
        var due = new List<Outgoing>();
        lock (_gate)
        {
            while (due.Count < max && _queue.TryPeek(out var item, out var at) && at <= now)
            {
                _queue.Dequeue();
                due.Add(item);
            }
        }
        return due;
    }
}
