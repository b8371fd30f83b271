using System.Runtime.InteropServices;
using Portal.Core.Records;

namespace Portal.Core.Topology;

/// <summary>
/// Learns a scenario's topology from a sample of its recent traces. Pure: no clock, no I/O.
/// </summary>
/// <remarks>
/// <para><b>Nodes and edges.</b> A node is a (service, endpoint) pair. Every span reachable from its trace's root through
/// parent links contributes the edge (parent's node → its node). Spans whose chain does not reach the root (a missing
/// caller record) are left out.</para>
/// <para><b>Support.</b> For an edge seen in k of the scenario's n traces, support = k / n (a trace counts once however
/// often it makes the call).</para>
/// <para><b>Edge confidence</b> = L × S, where
/// <list type="bullet">
/// <item>L = Wilson score lower bound on support at <see cref="TopologyOptions.Z"/> (1.96 → 95%):
/// L = (p̂ + z²/2n − z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). An edge in every one of 500 traces has L = 0.992;
/// in every one of 8 traces only 0.676.</item>
/// <item>S = stability across the m non-empty time slices, with per-slice support sᵢ = kᵢ/nᵢ and pooled p = k/n:
/// V = Σ nᵢ(sᵢ − p)² / n is the observed dispersion, E = (m−1)·p(1−p)/n what binomial sampling alone would give;
/// S = clamp(1 − √max(0, V − E) / p, 0, 1) — 1 minus the coefficient of variation in excess of sampling noise.
/// An edge present at the same rate in every slice has S ≈ 1; one absent from 2 of 5 slices has S ≈ 0.19.
/// With a single slice S = 1 (no evidence either way).</item>
/// </list></para>
/// <para><b>Topology confidence</b> = C × min(edge confidence over the main path), with coverage C = min(1, n / <see cref="TopologyOptions.MinTraces"/>).
/// The weakest main-path edge decides because an automatically published graph must be right everywhere; C makes a
/// thin sample read as low confidence whatever its ratios. A topology without main-path edges (a single-node scenario)
/// uses L for the root's presence instead of the minimum.</para>
/// <para><b>Classification.</b> An edge is <see cref="EdgeCategory.Sporadic"/> when any of these holds, otherwise Main:
/// <list type="bullet">
/// <item><see cref="SporadicReasons.LowSupport"/>: support &lt; <see cref="TopologyOptions.SporadicSupport"/>, or
/// support &lt; <see cref="TopologyOptions.MainPathSupport"/> and the edge is not on the published main path (hysteresis);</item>
/// <item><see cref="SporadicReasons.ErrorPath"/>: share of its traces that failed ≥ <see cref="TopologyOptions.ErrorPathShare"/>
/// while the scenario's failure rate is below that share (a trace failed when any of its spans is an error);</item>
/// <item><see cref="SporadicReasons.Retry"/>: support &lt; <see cref="TopologyOptions.MainPathSupport"/> and, in at least
/// <see cref="TopologyOptions.RetryShare"/> of its traces, one caller span made the call more than once. A main-path
/// edge that is sometimes retried stays Main; its <see cref="TopologyEdge.RetryShare"/> says how often.</item>
/// </list></para>
/// <para><b>Order and depth.</b> Under each caller span, children are taken by start time (then span id); the distinct
/// callee nodes get ranks 0, 1, 2… in that order, repeats (retries) keeping the rank of the first call. An edge's order
/// among its caller node's edges sorts by category (main first), lower median rank, mean start offset, callee key.
/// Depth is the callee span's distance from the root, the smallest seen.</para>
/// </remarks>
public static class TopologyInference
{
    /// <summary>
    /// Infers <paramref name="scenario"/>'s topology from <paramref name="traces"/> (each a list of spans of one trace),
    /// cutting them into <see cref="TopologyOptions.SliceCount"/> equal-width time slices by root start time.
    /// Traces of other scenarios and empty traces are ignored. Null when no trace belongs to the scenario.
    /// </summary>
    /// <param name="published">The scenario's published version, if any: its main path sets the hysteresis of
    /// <see cref="TopologyOptions.SporadicSupport"/>. Pass the same version to <see cref="TopologyDecider.Decide"/>.</param>
    public static InferredTopology? Infer(
        string scenario,
        IEnumerable<IReadOnlyList<SpanRecord>> traces,
        DateTime inferredAt,
        TopologyOptions? options = null,
        InferredTopology? published = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(traces);
        options ??= TopologyOptions.Default;
        options.Validate();

        var rooted = new List<(IReadOnlyList<SpanRecord> Trace, SpanRecord Root)>();
        long min = long.MaxValue, max = long.MinValue;
        foreach (var trace in traces)
        {
            if (ScenarioIdentity.FindRoot(trace) is not { } root || ScenarioIdentity.Of(root) != scenario) continue;
            rooted.Add((trace, root));
            min = Math.Min(min, root.StartTime.Ticks);
            max = Math.Max(max, root.StartTime.Ticks);
        }
        if (rooted.Count == 0) return null;

        var sliceCount = options.SliceCount;
        var width = (double)(max - min) / sliceCount;
        var engine = new Accumulator(sliceCount);
        foreach (var (trace, root) in rooted)
        {
            var slice = width > 0 ? Math.Min(sliceCount - 1, (int)((root.StartTime.Ticks - min) / width)) : 0;
            engine.Add(trace, root, slice);
        }
        return engine.Build(scenario, inferredAt, options, published);
    }

    /// <summary>
    /// Infers <paramref name="scenario"/>'s topology from traces already cut into time slices (oldest first).
    /// Traces of other scenarios and empty traces are ignored. Null when no trace belongs to the scenario.
    /// </summary>
    public static InferredTopology? InferFromSlices(
        string scenario,
        IReadOnlyList<IReadOnlyList<IReadOnlyList<SpanRecord>>> slices,
        DateTime inferredAt,
        TopologyOptions? options = null,
        InferredTopology? published = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(slices);
        options ??= TopologyOptions.Default;
        options.Validate();

        var engine = new Accumulator(slices.Count);
        for (var s = 0; s < slices.Count; s++)
            foreach (var trace in slices[s])
                if (ScenarioIdentity.FindRoot(trace) is { } root && ScenarioIdentity.Of(root) == scenario)
                    engine.Add(trace, root, s);
        return engine.TraceCount == 0 ? null : engine.Build(scenario, inferredAt, options, published);
    }

    /// <summary>
    /// Stability of a proportion across slices: 1 − √max(0, V − E) / p (clamped to [0, 1]), where p = Σk / Σn,
    /// V = Σ nᵢ(kᵢ/nᵢ − p)² / Σn and E = (m − 1)·p(1 − p) / Σn over the m slices with nᵢ &gt; 0.
    /// 1 with fewer than two non-empty slices; 0 when the edge was never seen.
    /// </summary>
    public static double Stability(IReadOnlyList<int> hits, IReadOnlyList<int> totals)
    {
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(totals);
        if (hits.Count != totals.Count) throw new ArgumentException("One hit count per slice total.", nameof(hits));
        long n = 0, k = 0;
        var m = 0;
        for (var i = 0; i < totals.Count; i++)
        {
            if (totals[i] <= 0) continue;
            n += totals[i];
            k += hits[i];
            m++;
        }
        if (k == 0) return 0;
        if (m < 2) return 1;
        var p = (double)k / n;
        var v = 0.0;
        for (var i = 0; i < totals.Count; i++)
        {
            if (totals[i] <= 0) continue;
            var d = (double)hits[i] / totals[i] - p;
            v += totals[i] * d * d;
        }
        v /= n;
        var expected = (m - 1) * p * (1 - p) / n;
        return Math.Clamp(1 - Math.Sqrt(Math.Max(0, v - expected)) / p, 0, 1);
    }

    /// <summary>
    /// A topology's confidence: min(1, traces / MinTraces) × the smallest main-path edge confidence, or × the Wilson
    /// lower bound for the root's presence when there is no main-path edge.
    /// </summary>
    public static double TopologyConfidence(IEnumerable<TopologyEdge> edges, int traceCount, TopologyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(edges);
        options ??= TopologyOptions.Default;
        var coverage = Math.Min(1.0, (double)traceCount / options.MinTraces);
        var weakest = double.NaN;
        foreach (var edge in edges)
            if (edge.Category == EdgeCategory.Main && !(edge.Confidence >= weakest)) weakest = edge.Confidence;
        if (double.IsNaN(weakest)) weakest = WilsonScore.LowerBound(traceCount, traceCount, options.Z);
        return Math.Clamp(coverage * weakest, 0, 1);
    }

    private sealed class NodeStats
    {
        public required TopologyNodeKey Key;
        public int Traces;
        public int Roots;
        public int MinDepth = int.MaxValue;
        public int Stamp = -1;
    }

    private sealed class EdgeStats
    {
        public required int Caller;
        public required int Callee;
        public required int[] SliceTraces;
        public int Traces;
        public int FailedTraces;
        public int RetryTraces;
        public long FirstTicks = long.MaxValue;
        public long LastTicks = long.MinValue;
        public int[] RankCounts = new int[4];
        public int RankTotal;
        public double OffsetSum;
        public int MinDepth = int.MaxValue;
        public int TraceStamp = -1;
        public int RetryStamp = -1;
        public int GroupStamp = -1;

        public void CountRank(int rank)
        {
            if (rank >= RankCounts.Length) Array.Resize(ref RankCounts, Math.Max(rank + 1, RankCounts.Length * 2));
            RankCounts[rank]++;
            RankTotal++;
        }

        /// <summary>The lower median of the ranks seen.</summary>
        public int MedianRank()
        {
            var target = (RankTotal - 1) / 2;
            var seen = 0;
            for (var r = 0; r < RankCounts.Length; r++)
            {
                seen += RankCounts[r];
                if (seen > target) return r;
            }
            return 0;
        }
    }

    /// <summary>Orders the children of one trace: by parent, then start, then span id.</summary>
    private readonly struct ChildOrder(IReadOnlyList<SpanRecord> trace, int[] parent) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            var byParent = parent[a].CompareTo(parent[b]);
            if (byParent != 0) return byParent;
            var byStart = trace[a].StartTime.CompareTo(trace[b].StartTime);
            return byStart != 0 ? byStart : trace[a].SpanId.Value.CompareTo(trace[b].SpanId.Value);
        }
    }

    private sealed class Accumulator(int sliceCount)
    {
        private readonly Dictionary<(string, string), int> _nodeIds = [];
        private readonly List<NodeStats> _nodes = [];
        private readonly Dictionary<long, EdgeStats> _edgeIndex = [];
        private readonly List<EdgeStats> _edges = [];
        private readonly int[] _sliceTraces = new int[sliceCount];
        private readonly Dictionary<SpanId, int> _spanIndex = [];
        private int[] _parent = new int[16];
        private int[] _depth = new int[16];
        private int[] _node = new int[16];
        private int[] _children = new int[16];
        private readonly List<int> _chain = [];
        private int _failedTraces;
        private int _groupCounter;

        public int TraceCount { get; private set; }

        public void Add(IReadOnlyList<SpanRecord> trace, SpanRecord root, int slice)
        {
            var n = trace.Count;
            if (_parent.Length < n)
            {
                var size = Math.Max(n, _parent.Length * 2);
                _parent = new int[size];
                _depth = new int[size];
                _node = new int[size];
                _children = new int[size];
            }
            var traceNo = TraceCount++;
            _sliceTraces[slice]++;

            _spanIndex.Clear();
            var rootIndex = -1;
            var failed = false;
            for (var i = 0; i < n; i++)
            {
                var span = trace[i];
                _spanIndex.TryAdd(span.SpanId, i);
                if (ReferenceEquals(span, root)) rootIndex = i;
                failed |= span.IsError;
            }
            if (failed) _failedTraces++;
            for (var i = 0; i < n; i++)
            {
                _parent[i] = i != rootIndex && trace[i].ParentSpanId is { } p && _spanIndex.TryGetValue(p, out var pi) && pi != i ? pi : -1;
                _depth[i] = int.MinValue; // unknown
            }
            _depth[rootIndex] = 0;

            // Depth by walking up each chain until a known depth; chains that end elsewhere (or loop) are unreachable (-1).
            for (var i = 0; i < n; i++)
            {
                if (_depth[i] != int.MinValue) continue;
                _chain.Clear();
                var j = i;
                while (j >= 0 && _depth[j] == int.MinValue && _chain.Count <= n)
                {
                    _chain.Add(j);
                    _depth[j] = -2; // on the current chain: a loop back here is unreachable
                    j = _parent[j];
                }
                var baseDepth = j >= 0 && _depth[j] >= 0 ? _depth[j] : -1;
                for (var c = _chain.Count - 1; c >= 0; c--)
                {
                    baseDepth = baseDepth >= 0 ? baseDepth + 1 : -1;
                    _depth[_chain[c]] = baseDepth;
                }
            }

            // Nodes of the reachable spans.
            var childCount = 0;
            for (var i = 0; i < n; i++)
            {
                if (_depth[i] < 0) { _node[i] = -1; continue; }
                var node = NodeOf(trace[i]);
                _node[i] = node;
                var stats = _nodes[node];
                if (stats.Stamp != traceNo) { stats.Stamp = traceNo; stats.Traces++; }
                if (_depth[i] < stats.MinDepth) stats.MinDepth = _depth[i];
                if (i != rootIndex) _children[childCount++] = i;
            }
            _nodes[_node[rootIndex]].Roots++;

            Array.Sort(_children, 0, childCount, new ChildOrder(trace, _parent));
            var currentParent = -1;
            var rank = 0;
            for (var c = 0; c < childCount; c++)
            {
                var child = _children[c];
                var parent = _parent[child];
                if (parent != currentParent)
                {
                    currentParent = parent;
                    rank = 0;
                    _groupCounter++;
                }
                var edge = EdgeOf(_node[parent], _node[child]);
                if (edge.TraceStamp != traceNo)
                {
                    edge.TraceStamp = traceNo;
                    edge.Traces++;
                    edge.SliceTraces[slice]++;
                    if (failed) edge.FailedTraces++;
                }
                var span = trace[child];
                var ticks = span.StartTime.Ticks;
                if (ticks < edge.FirstTicks) edge.FirstTicks = ticks;
                if (ticks > edge.LastTicks) edge.LastTicks = ticks;
                if (edge.GroupStamp == _groupCounter)
                {
                    // The same caller span calls the same node again: a retry (or polling).
                    if (edge.RetryStamp != traceNo) { edge.RetryStamp = traceNo; edge.RetryTraces++; }
                    continue;
                }
                edge.GroupStamp = _groupCounter;
                edge.CountRank(rank++);
                edge.OffsetSum += (ticks - trace[parent].StartTime.Ticks) / 10.0;
                if (_depth[child] < edge.MinDepth) edge.MinDepth = _depth[child];
            }
        }

        private int NodeOf(SpanRecord span)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_nodeIds, (span.Service, span.Endpoint), out var exists);
            if (!exists)
            {
                id = _nodes.Count;
                _nodes.Add(new NodeStats { Key = new TopologyNodeKey(span.Service, span.Endpoint) });
            }
            return id;
        }

        private EdgeStats EdgeOf(int caller, int callee)
        {
            ref var edge = ref CollectionsMarshal.GetValueRefOrAddDefault(_edgeIndex, ((long)caller << 32) | (uint)callee, out var exists);
            if (!exists)
            {
                edge = new EdgeStats { Caller = caller, Callee = callee, SliceTraces = new int[sliceCount] };
                _edges.Add(edge);
            }
            return edge!;
        }

        public InferredTopology Build(string scenario, DateTime inferredAt, TopologyOptions options, InferredTopology? published)
        {
            var n = TraceCount;
            var failureRate = (double)_failedTraces / n;
            var publishedMain = published is null
                ? []
                : published.MainPath.Select(e => e.Key).ToHashSet();
            var slicesUsed = _sliceTraces.Count(t => t > 0);

            var drafts = new List<(EdgeStats Stats, TopologyEdge Edge, int MedianRank, double MeanOffset)>(_edges.Count);
            foreach (var stats in _edges)
            {
                var caller = _nodes[stats.Caller].Key;
                var callee = _nodes[stats.Callee].Key;
                var support = (double)stats.Traces / n;
                var lower = WilsonScore.LowerBound(stats.Traces, n, options.Z);
                var stability = Stability(stats.SliceTraces, _sliceTraces);
                var errorShare = (double)stats.FailedTraces / stats.Traces;
                var retryShare = (double)stats.RetryTraces / stats.Traces;

                var reasons = SporadicReasons.None;
                if (support < options.SporadicSupport || (support < options.MainPathSupport && !publishedMain.Contains((caller, callee))))
                    reasons |= SporadicReasons.LowSupport;
                if (errorShare >= options.ErrorPathShare && failureRate < options.ErrorPathShare)
                    reasons |= SporadicReasons.ErrorPath;
                if (support < options.MainPathSupport && retryShare >= options.RetryShare)
                    reasons |= SporadicReasons.Retry;

                var sliceSupports = new List<double>(slicesUsed);
                for (var s = 0; s < _sliceTraces.Length; s++)
                    if (_sliceTraces[s] > 0) sliceSupports.Add((double)stats.SliceTraces[s] / _sliceTraces[s]);

                var meanOffset = stats.RankTotal > 0 ? stats.OffsetSum / stats.RankTotal : 0;
                var edge = new TopologyEdge(
                    caller, callee, support, stats.Traces, n,
                    new DateTime(stats.FirstTicks, DateTimeKind.Utc), new DateTime(stats.LastTicks, DateTimeKind.Utc),
                    Order: 0, Depth: stats.MinDepth, Confidence: lower * stability,
                    reasons == SporadicReasons.None ? EdgeCategory.Main : EdgeCategory.Sporadic, reasons,
                    lower, stability, errorShare, retryShare, meanOffset, sliceSupports);
                drafts.Add((stats, edge, stats.MedianRank(), meanOffset));
            }

            // Order among each caller's edges; output sorted by caller key, then order.
            var edges = new List<TopologyEdge>(drafts.Count);
            foreach (var group in drafts
                .GroupBy(d => d.Edge.Caller)
                .OrderBy(g => g.Key))
            {
                var order = 0;
                foreach (var draft in group
                    .OrderBy(d => d.Edge.Category)
                    .ThenBy(d => d.MedianRank)
                    .ThenBy(d => d.MeanOffset)
                    .ThenBy(d => d.Edge.Callee))
                    edges.Add(draft.Edge with { Order = order++ });
            }

            var rootStats = _nodes.Where(s => s.Roots > 0).OrderByDescending(s => s.Roots).ThenBy(s => s.Key).First();
            var mainEnds = new HashSet<TopologyNodeKey> { rootStats.Key };
            foreach (var edge in edges)
                if (edge.Category == EdgeCategory.Main) { mainEnds.Add(edge.Caller); mainEnds.Add(edge.Callee); }
            var nodes = _nodes
                .Where(s => s.Traces > 0)
                .OrderBy(s => s.Key)
                .Select(s => new TopologyNode(s.Key, s.MinDepth, (double)s.Traces / n,
                    mainEnds.Contains(s.Key) ? EdgeCategory.Main : EdgeCategory.Sporadic))
                .ToList();

            return new InferredTopology(
                scenario, rootStats.Key, nodes, edges,
                TopologyConfidence(edges, n, options), n, slicesUsed, inferredAt);
        }
    }
}
