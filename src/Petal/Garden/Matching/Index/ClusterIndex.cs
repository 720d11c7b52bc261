using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;

namespace Petal.Garden.Matching.Index;

/// <summary>
/// Registered clusters compiled for matching, built once and updated on <see cref="Add"/>/<see cref="Remove"/>.
/// Clusters whose partitions are the same (<see cref="ShapeKey"/>) share one shape and are matched once; each
/// requirement a job states narrows the shapes through <see cref="ShapeFacts"/> (and each top-level count
/// through the shapes' largest partition totals) before the slot matcher runs on the candidates alone. A job's
/// cost so grows with the number of distinct shapes, not of clusters. Answers are exactly
/// <see cref="GardenMatcher"/>'s: same verdicts, scores, queues, order and reasons.
/// Not thread-safe for writers: the service guards <see cref="Add"/>/<see cref="Remove"/> with a lock and
/// matches under the same lock (matching is microseconds).
/// </summary>
public sealed class ClusterIndex
{
    private readonly List<ClusterDescription?> _slots = [];
    private readonly Dictionary<string, int> _slotByName = new(StringComparer.Ordinal);
    private readonly List<int> _shapeOfSlot = [];
    private readonly List<ClusterShape> _shapes = [];
    private readonly Dictionary<string, ClusterShape> _shapeByKey = new(StringComparer.Ordinal);
    /// <summary>Clusters loaded from identical files share their graph's objects: its key is computed once.</summary>
    private readonly Dictionary<ResourceVertex, ClusterShape> _shapeByRoots = new(ReferenceEqualityComparer.Instance);
    private readonly ShapeFacts _facts = new();

    public ClusterIndex(IEnumerable<ClusterDescription>? clusters = null)
    {
        foreach (var c in clusters ?? []) Add(c);
    }

    /// <summary>Clusters registered, in registration order.</summary>
    public int Count => _slotByName.Count;

    /// <summary>Distinct shapes (entries) the clusters compile to.</summary>
    public int Shapes => _shapes.Count(s => s.Members.Count > 0);

    /// <summary>The registered clusters in registration order.</summary>
    public IEnumerable<ClusterDescription> Clusters => _slots.Where(c => c is not null)!;

    public ClusterDescription? Find(string name) => _slotByName.TryGetValue(name, out var slot) ? _slots[slot] : null;

    /// <summary>Registers <paramref name="cluster"/>, replacing a cluster of the same name (it keeps its place).</summary>
    public void Add(ClusterDescription cluster)
    {
        var shape = ShapeOf(cluster.Partitions);
        if (_slotByName.TryGetValue(cluster.Name, out var slot))
        {
            Leave(slot);
            _slots[slot] = cluster;
            _shapeOfSlot[slot] = shape.Id;
        }
        else
        {
            slot = _slots.Count;
            _slots.Add(cluster);
            _shapeOfSlot.Add(shape.Id);
            _slotByName[cluster.Name] = slot;
        }
        var at = shape.Members.BinarySearch(slot, Comparer<int>.Create((a, b) => string.CompareOrdinal(_slots[a]!.Name, _slots[b]!.Name)));
        shape.Members.Insert(at < 0 ? ~at : at, slot);
    }

    public bool Remove(string name)
    {
        if (!_slotByName.Remove(name, out var slot)) return false;
        Leave(slot);
        _slots[slot] = null;
        return true;
    }

    private void Leave(int slot) => _shapes[_shapeOfSlot[slot]].Members.Remove(slot);

    private ClusterShape ShapeOf(IReadOnlyList<Partition> partitions)
    {
        var root = partitions.Count == 1 ? partitions[0].Root : null;
        if (root is not null && _shapeByRoots.TryGetValue(root, out var known)) return known;
        var key = ShapeKey.Of(partitions);
        if (!_shapeByKey.TryGetValue(key, out var shape))
        {
            shape = new ClusterShape(_shapes.Count, partitions);
            _shapes.Add(shape);
            _shapeByKey[key] = shape;
            _facts.Add(shape);
        }
        if (root is not null) _shapeByRoots[root] = shape;
        return shape;
    }

    /// <summary>Matches <paramref name="job"/> against every shape that can hold it; the answers per shape.</summary>
    public IndexedMatches Evaluate(Jobspec job)
    {
        var words = (_shapes.Count + 63) >> 6;
        var candidates = new ulong[words];
        foreach (var s in _shapes)
            if (s.Members.Count > 0 && FitsTotals(s, job)) candidates[s.Id >> 6] |= 1UL << (s.Id & 63);
        Narrow(job.Resources, candidates);
        var passed = (ulong[])candidates.Clone();
        var found = new List<ShapeAnswer>();
        for (var w = 0; w < words; w++)
            for (var bits = candidates[w]; bits != 0; bits &= bits - 1)
            {
                var shape = _shapes[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)];
                var (index, grade, score) = GardenMatcher.BestPartition(job, shape.Partitions);
                if (index >= 0) found.Add(new ShapeAnswer(shape, index, grade, score));
            }
        return new IndexedMatches(this, job, found, passed);
    }

    private static bool FitsTotals(ClusterShape shape, Jobspec job)
    {
        foreach (var r in job.Resources)
            if (r.TypeId < shape.MaxTotals.Length && shape.MaxTotals[r.TypeId] < r.Count) return false;
        return true;
    }

    /// <summary>Every requirement of every request a job needs at least one of narrows the candidates.</summary>
    private void Narrow(IReadOnlyList<ResourceRequest> requests, ulong[] candidates)
    {
        foreach (var r in requests)
        {
            if (r.Count < 1) continue;
            foreach (var req in r.Requirements) _facts.Narrow(r.TypeId, req, candidates);
            Narrow(r.With, candidates);
        }
    }

    internal ClusterDescription Cluster(int slot) => _slots[slot]!;

    internal int SlotOf(string name) => _slotByName[name];

    internal bool IsLive(int slot) => _slots[slot] is not null;

    internal int ShapeOf(int slot) => _shapeOfSlot[slot];

    internal IReadOnlyList<ClusterShape> AllShapes => _shapes;

    internal int SlotCount => _slots.Count;
}

/// <summary>A shape that can run the job: the partition index (the same in every member), grade and score.</summary>
internal sealed record ShapeAnswer(ClusterShape Shape, int Partition, MatchGrade Grade, double Score);
