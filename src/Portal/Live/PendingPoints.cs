namespace Portal.Live;

/// <summary>A group's points not sent yet: the latest state of each (series, window), and whether any is a first result.</summary>
internal sealed class PendingPoints
{
    private readonly Dictionary<(string Series, long T), LivePoint> _points = [];

    public bool HasFirst { get; private set; }

    public void Add(IEnumerable<LivePoint> points)
    {
        foreach (var point in points)
        {
            _points[(point.Series, point.T)] = point;
            HasFirst |= !point.Correction;
        }
    }

    public List<LivePoint> InTimeOrder() => _points.Values.OrderBy(p => p.T).ToList();
}
