using Petal.Seeds.Schema;
using Petal.Seeds.Yaml;

namespace Petal.Seeds.Loading;

/// <summary>
/// <c>extends</c> merging: maps merge deeply (tags by key), lists of named items merge by their key, scalars and
/// other lists are replaced, Spack specs union by package name (the derived spec wins). Nodes are
/// reused, so every value keeps the location of the file that supplied it.
/// </summary>
public sealed class TreeMerger(ISpecSyntax specs)
{
    public YNode Merge(YNode baseNode, YNode derived, SchemaNode? schema) => (schema, baseNode, derived) switch
    {
        (ObjectSchema o, YMapping b, YMapping d) => MergeMaps(b, d, o),
        (MapSchema, YMapping b, YMapping d) => MergeEntries(b, d),
        (ListSchema { Merge: ListMerge.ByKey } l, YSequence b, YSequence d) => MergeByKey(b, d, l),
        (ListSchema { Merge: ListMerge.BySpecName }, YSequence b, YSequence d) => MergeSpecs(b, d),
        _ => derived,
    };

    private YMapping MergeMaps(YMapping b, YMapping d, ObjectSchema schema)
    {
        var derived = d.Entries.ToDictionary(e => e.Key.Value, StringComparer.Ordinal);
        var entries = new List<KeyValuePair<YScalar, YNode>>();
        foreach (var (key, value) in b.Entries)
        {
            if (key.Value == "extends") continue;
            entries.Add(derived.Remove(key.Value, out var over)
                ? new(over.Key, Merge(value, over.Value, schema.Field(key.Value)?.Schema))
                : new(key, value));
        }
        entries.AddRange(d.Entries.Where(e => derived.ContainsKey(e.Key.Value)));
        return new YMapping(d.Location, entries);
    }

    /// <summary>A user-keyed map (tags): the base's keys, each replaced by the derived value when it sets the key, then the derived's new keys.</summary>
    private static YMapping MergeEntries(YMapping b, YMapping d)
    {
        var derived = d.Entries.ToDictionary(e => e.Key.Value, StringComparer.Ordinal);
        var entries = b.Entries.Select(e => derived.Remove(e.Key.Value, out var over) ? over : e).ToList();
        entries.AddRange(d.Entries.Where(e => derived.ContainsKey(e.Key.Value)));
        return new YMapping(d.Location, entries);
    }

    private YSequence MergeByKey(YSequence b, YSequence d, ListSchema schema)
    {
        string? KeyOf(YNode n) => (n as YMapping)?.Get(schema.MergeKey!) is YScalar { IsNull: false } s ? s.Value : null;
        var derivedByKey = d.Items.Where(i => KeyOf(i) is not null).GroupBy(i => KeyOf(i)!).ToDictionary(g => g.Key, g => g.First());
        var items = b.Items.Select(i => KeyOf(i) is { } k && derivedByKey.TryGetValue(k, out var over) ? Merge(i, over, schema.Items) : i).ToList();
        var baseKeys = b.Items.Select(KeyOf).Where(k => k is not null).ToHashSet();
        items.AddRange(d.Items.Where(i => KeyOf(i) is not { } k || !baseKeys.Contains(k)));
        return new YSequence(d.Location, items);
    }

    private YSequence MergeSpecs(YSequence b, YSequence d)
    {
        string? NameOf(YNode n) => n is YScalar { IsNull: false } s ? SpecNames.Of(s.Value, specs) : null;
        var derivedByName = d.Items.Where(i => NameOf(i) is not null).GroupBy(i => NameOf(i)!).ToDictionary(g => g.Key, g => g.First());
        var items = b.Items.Select(i => NameOf(i) is { } n && derivedByName.TryGetValue(n, out var over) ? over : i).ToList();
        var taken = items.ToHashSet(ReferenceEqualityComparer.Instance);
        items.AddRange(d.Items.Where(i => !taken.Contains(i)));
        return new YSequence(d.Location, items);
    }
}
