using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;

namespace Petal.Garden.Matching.Index;

/// <summary>
/// One job's answers from a <see cref="ClusterIndex"/>, per shape; cluster-level answers are made only as asked
/// (the best one, the matches in some order, a bounded number of near misses, or everything).
/// </summary>
public sealed class IndexedMatches
{
    private readonly ClusterIndex _index;
    private readonly Jobspec _job;
    private readonly List<ShapeAnswer> _answers;
    private readonly ulong[] _passedFilters;
    private readonly ShapeAnswer?[] _answerOfShape;

    internal IndexedMatches(ClusterIndex index, Jobspec job, List<ShapeAnswer> answers, ulong[] passedFilters)
    {
        _index = index;
        _job = job;
        _answers = answers;
        _passedFilters = passedFilters;
        _answerOfShape = new ShapeAnswer?[index.AllShapes.Count];
        foreach (var a in answers) _answerOfShape[a.Shape.Id] = a;
    }

    public Jobspec Job => _job;

    /// <summary>How many clusters can run the job.</summary>
    public int MatchCount => _answers.Sum(a => a.Shape.Members.Count);

    /// <summary>The best match (score, then name), as best-fit chooses; null when no cluster can run the job.</summary>
    public ClusterMatch? Best()
    {
        ShapeAnswer? best = null;
        foreach (var a in _answers)
        {
            if (a.Shape.Members.Count == 0) continue;
            if (best is null || a.Score > best.Score
                || (a.Score == best.Score && string.CompareOrdinal(First(a), First(best)) < 0)) best = a;
        }
        return best is null ? null : Answer(best, best.Shape.Members[0]);
    }

    /// <summary>Only the clusters that can run the job, best first (<see cref="GardenMatcher.Matches"/>).</summary>
    public ClusterMatch[] Matches()
    {
        var result = new ClusterMatch[MatchCount];
        var n = 0;
        foreach (var a in _answers)
            foreach (var slot in a.Shape.Members) result[n++] = Answer(a, slot);
        Array.Sort(result, GardenMatcher.Compare);
        return result;
    }

    /// <summary>The first <paramref name="limit"/> of <see cref="Matches()"/>, without making the rest.</summary>
    public ClusterMatch[] Matches(int limit)
    {
        var some = new List<ClusterMatch>();
        foreach (var a in _answers)
            for (var i = 0; i < a.Shape.Members.Count && i < limit; i++) some.Add(Answer(a, a.Shape.Members[i]));
        some.Sort(GardenMatcher.Compare);
        return some.Take(limit).ToArray();
    }

    /// <summary>The clusters that can run the job in registration order (what selectors choose from).</summary>
    public List<ClusterMatch> InClusterOrder()
    {
        var result = new List<ClusterMatch>(MatchCount);
        for (var slot = 0; slot < _index.SlotCount; slot++)
            if (ShapeAnswerOf(slot) is { } a) result.Add(Answer(a, slot));
        return result;
    }

    /// <summary>Every cluster, as <see cref="GardenMatcher.Match"/> answers: matches best first, then the others by name.</summary>
    public ClusterMatch[] All()
    {
        var result = new ClusterMatch[_index.Count];
        var n = 0;
        for (var slot = 0; slot < _index.SlotCount; slot++)
        {
            if (!_index.IsLive(slot)) continue;
            var cluster = _index.Cluster(slot);
            result[n++] = ShapeAnswerOf(slot) is { } a ? Answer(a, slot) : new ClusterMatch(cluster, _job);
        }
        Array.Sort(result, GardenMatcher.Compare);
        return result;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> clusters that cannot run the job, nearest first: those whose shape met every
    /// indexed requirement (they fail on counts or combined conditions), then the others, each group by name.
    /// </summary>
    public IEnumerable<ClusterMatch> NearMisses(int limit)
    {
        var near = new List<int>();
        var far = new List<int>();
        foreach (var shape in _index.AllShapes)
        {
            if (shape.Members.Count == 0 || _answerOfShape[shape.Id] is not null) continue;
            ((_passedFilters[shape.Id >> 6] & (1UL << (shape.Id & 63))) != 0 ? near : far).Add(shape.Id);
        }
        var taken = Closest(near, limit);
        if (taken.Count < limit) taken.AddRange(Closest(far, limit - taken.Count));
        return taken.Select(slot => new ClusterMatch(_index.Cluster(slot), _job));
    }

    /// <summary>The first <paramref name="limit"/> member slots by name across <paramref name="shapes"/> (a bounded merge).</summary>
    private List<int> Closest(List<int> shapes, int limit)
    {
        var all = new List<int>();
        foreach (var id in shapes)
        {
            var members = _index.AllShapes[id].Members;
            for (var i = 0; i < members.Count && i < limit; i++) all.Add(members[i]);
        }
        all.Sort((a, b) => string.CompareOrdinal(_index.Cluster(a).Name, _index.Cluster(b).Name));
        return all.Take(limit).ToList();
    }

    /// <summary>The answer for a named cluster: its match, or an explained refusal.</summary>
    public ClusterMatch For(string name)
    {
        var slot = _index.SlotOf(name);
        return ShapeAnswerOf(slot) is { } a ? Answer(a, slot) : new ClusterMatch(_index.Cluster(slot), _job);
    }

    private ShapeAnswer? ShapeAnswerOf(int slot) => _index.IsLive(slot) ? _answerOfShape[_index.ShapeOf(slot)] : null;

    private string First(ShapeAnswer a) => _index.Cluster(a.Shape.Members[0]).Name;

    private ClusterMatch Answer(ShapeAnswer a, int slot)
    {
        var cluster = _index.Cluster(slot);
        return new ClusterMatch(cluster, a.Grade, a.Score, cluster.Partitions[a.Partition].Name);
    }
}
