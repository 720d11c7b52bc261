using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Values;

namespace Petal.Garden.Matching.Index;

/// <summary>
/// Inverted lists from what a shape holds to the shapes holding it: for each (vertex type, field) and each
/// (subsystem, field), every distinct value seen and the shapes where some vertex has it. A requirement is
/// turned into a candidate set by testing its own predicate on the distinct values (a handful per field), so
/// equality, ranges, versions and any-of all prune with the matcher's own semantics; a requirement that a
/// missing field would satisfy (a negation) prunes nothing. Pruning is only ever a necessary condition: the
/// full matcher still runs on every candidate, so answers do not change.
/// </summary>
internal sealed class ShapeFacts
{
    private readonly Dictionary<(int Type, string Field), Dictionary<string, (AttributeValue Value, ShapeSet Shapes)>> _attributes = new();
    private readonly Dictionary<(string Subsystem, string Field), Dictionary<string, (AttributeValue Value, ShapeSet Shapes)>> _links = new();

    public void Add(ClusterShape shape)
    {
        var seen = new HashSet<ResourceVertex>(ReferenceEqualityComparer.Instance);
        var seenLinks = new HashSet<SubsystemVertex>(ReferenceEqualityComparer.Instance);
        foreach (var p in shape.Partitions) Walk(p.Root, shape.Id, seen, seenLinks);
    }

    private void Walk(ResourceVertex v, int shape, HashSet<ResourceVertex> seen, HashSet<SubsystemVertex> seenLinks)
    {
        if (!seen.Add(v)) return;
        foreach (var (field, value) in v.Attributes)
            Record(_attributes, (v.TypeId, field.ToLowerInvariant()), value, shape);
        foreach (var (subsystem, linked) in v.Links)
            foreach (var s in linked)
            {
                if (!seenLinks.Add(s)) continue;
                var key = subsystem.ToLowerInvariant();
                foreach (var (field, value) in s.Attributes) Record(_links, (key, field.ToLowerInvariant()), value, shape);
                if (s.Get("type") is { } type && !s.Attributes.ContainsKey("type")) Record(_links, (key, "type"), type, shape);
            }
        foreach (var c in v.Children) Walk(c, shape, seen, seenLinks);
    }

    private static void Record<TKey>(Dictionary<TKey, Dictionary<string, (AttributeValue, ShapeSet)>> index, TKey key,
        AttributeValue value, int shape) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var values)) index[key] = values = new(StringComparer.Ordinal);
        var k = ShapeKey.Value(value);
        if (!values.TryGetValue(k, out var entry)) values[k] = entry = (value, new ShapeSet());
        entry.Item2.Add(shape);
    }

    /// <summary>
    /// Narrows <paramref name="candidates"/> to shapes that can meet <paramref name="requirement"/> on some vertex
    /// of <paramref name="typeId"/>; a requirement the facts cannot answer narrows nothing.
    /// </summary>
    public void Narrow(int typeId, Requirement requirement, ulong[] candidates)
    {
        var set = CandidateSet(typeId, requirement, candidates.Length);
        if (set is null) return;
        for (var i = 0; i < candidates.Length; i++) candidates[i] &= set[i];
    }

    private ulong[]? CandidateSet(int typeId, Requirement requirement, int words)
    {
        switch (requirement)
        {
            case AttributeRequirement a when !a.Predicate.Test(null, out _):
                return Union(_attributes.GetValueOrDefault((typeId, a.Field.ToLowerInvariant())), v => a.Predicate.Test(v, out _), words);
            case SubsystemRequirement s:
            {
                ulong[]? result = null;
                foreach (var (field, predicate) in s.Checks)
                {
                    if (predicate.Test(null, out _)) continue;
                    var one = Union(_links.GetValueOrDefault((s.Subsystem.ToLowerInvariant(), field.ToLowerInvariant())),
                        v => predicate.Test(v, out _), words);
                    result = Intersect(result, one);
                }
                return result;
            }
            case SoftwareRequirement { Absent: false } w:
                return Union(_links.GetValueOrDefault((SoftwareRequirement.Subsystem, "name")),
                    v => string.Equals(v.Text, w.Package, StringComparison.OrdinalIgnoreCase), words);
            case AllOfRequirement all:
            {
                ulong[]? result = null;
                foreach (var part in all.Parts) result = Intersect(result, CandidateSet(typeId, part, words));
                return result;
            }
            default:
                return null;
        }
    }

    private static ulong[] Union(Dictionary<string, (AttributeValue Value, ShapeSet Shapes)>? values, Func<AttributeValue, bool> passes, int words)
    {
        var result = new ulong[words];
        if (values is null) return result;
        foreach (var (value, shapes) in values.Values)
            if (passes(value)) shapes.UnionInto(result);
        return result;
    }

    private static ulong[]? Intersect(ulong[]? a, ulong[]? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        for (var i = 0; i < a.Length; i++) a[i] &= b[i];
        return a;
    }
}
