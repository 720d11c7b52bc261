using System.Globalization;
using Petal.Common;
using Petal.Seeds.Yaml;

namespace Petal.Pcluster.Updates;

/// <summary>
/// The changes between a cluster's recorded config and a new one, classified as ParallelCluster 3.12's
/// <c>pcluster update-cluster</c> does (its config patch: mappings by key, keyed lists by their update key, other
/// values whole; each change checked against the parameter's <see cref="UpdatePolicy"/>). Pure: both configs are
/// YAML text read with petal's bounded reader, the outcome only depends on them. What the running cluster's state
/// adds (is the fleet running?) is the caller's: it is assumed running, so the requirement says what must be stopped.
/// </summary>
public static class ConfigDiff
{
    private const int ShownValueLength = 120;

    public static ConfigUpdate Compare(string recorded, string proposed, string recordedFile = "recorded cluster config", string proposedFile = "new cluster config")
    {
        var before = Parse(recorded, recordedFile);
        var after = Parse(proposed, proposedFile);
        var raw = new List<RawChange>();
        Walk(before, after, "", "", raw);
        var context = new Context(QueueUpdateStrategy(after), ManagedFsxLustre(before).Intersect(ManagedFsxLustre(after), StringComparer.Ordinal).Any());
        return new ConfigUpdate(raw.Select(c => Classify(c, context)).OfType<ConfigChange>().ToList());
    }

    private sealed record RawChange(string Path, string Pattern, YNode? Old, YNode? New, bool ListItem);

    /// <summary>The QueueUpdateStrategy the new config sets when it lets queues change live (DRAIN, TERMINATE), else null.</summary>
    private sealed record Context(string? DrainStrategy, bool ManagedFsx);

    private static YNode? Parse(string text, string file)
    {
        var (root, diagnostics) = YamlTreeReader.Read(text, file);
        if (diagnostics.Count > 0) throw new UserInputException(string.Join("\n", diagnostics));
        return root is null or YScalar { IsNull: true } ? null
            : root as YMapping ?? throw new UserInputException($"{file}: a cluster config is a mapping, not {root.Describe()}");
    }

    private static void Walk(YNode? a, YNode? b, string path, string pattern, List<RawChange> changes)
    {
        a = Value(a);
        b = Value(b);
        if (a is YMapping ma && b is YMapping mb)
        {
            var keys = ma.Entries.Select(e => e.Key.Value).Concat(mb.Entries.Select(e => e.Key.Value)).Distinct(StringComparer.Ordinal);
            foreach (var key in keys)
                Walk(ma.Get(key), mb.Get(key), Join(path, key), Join(pattern, key), changes);
            return;
        }
        // A section ParallelCluster ignores as a whole (SlurmSettings) that is added or removed: its settings are
        // classified one by one (adding a Database stops the fleet), as when the section is on both sides.
        if ((a is null) != (b is null) && (a ?? b) is YMapping only && UpdatePolicyTable.For(pattern) == UpdatePolicy.Ignored)
        {
            foreach (var key in only.Entries.Select(e => e.Key.Value))
                Walk(a is null ? null : only.Get(key), b is null ? null : only.Get(key), Join(path, key), Join(pattern, key), changes);
            return;
        }
        if (a is YSequence sa && b is YSequence sb && UpdatePolicyTable.ListKeys.TryGetValue(pattern, out var listKey)
            && Keyed(sa, listKey) is { } ia && Keyed(sb, listKey) is { } ib)
        {
            foreach (var key in ia.Keys.Concat(ib.Keys).Distinct(StringComparer.Ordinal))
            {
                var (itemPath, itemPattern) = ($"{path}[{key}]", pattern + "[]");
                var (old, @new) = (ia.GetValueOrDefault(key), ib.GetValueOrDefault(key));
                if (old is not null && @new is not null) Walk(old, @new, itemPath, itemPattern, changes);
                else changes.Add(new RawChange(itemPath, itemPattern, old, @new, ListItem: true));
            }
            return;
        }
        if (!Same(a, b)) changes.Add(new RawChange(path, pattern, a, b, ListItem: false));
    }

    /// <summary>The items of a keyed list by key, or null when one has no key or a key repeats (then the list compares whole).</summary>
    private static Dictionary<string, YNode>? Keyed(YSequence list, string key)
    {
        var items = new Dictionary<string, YNode>(StringComparer.Ordinal);
        foreach (var item in list.Items)
            if (Value(item) is not YMapping m || m.Get(key) is not YScalar { IsNull: false } k || !items.TryAdd(k.Value, m)) return null;
        return items;
    }

    private static ConfigChange? Classify(RawChange c, Context context)
    {
        var policy = UpdatePolicyTable.For(c.Pattern);
        var added = c.ListItem && c.Old is null;
        var removed = c.New is null;
        var inQueues = c.Pattern.StartsWith("Scheduling.SlurmQueues[]", StringComparison.Ordinal);
        var key = Key(c);
        const string stopped = "All compute nodes must be stopped";
        var strategy = inQueues && context.DrainStrategy is { } s
            ? (UpdateRequirement.DrainQueue, $"QueueUpdateStrategy {s}: the queue's nodes are replaced")
            : (UpdateRequirement.StopFleet, stopped + (inQueues ? " or QueueUpdateStrategy must be set" : ""));
        (UpdateRequirement, string)? outcome = policy switch
        {
            UpdatePolicy.Ignored => null,
            UpdatePolicy.Supported => (UpdateRequirement.Live, ""),
            UpdatePolicy.MaxCount => Count(c.New, 10) >= Count(c.Old, 10)
                ? (UpdateRequirement.Live, "")
                : (UpdateRequirement.StopFleet, "Shrinking a queue requires the compute fleet to be stopped first"),
            UpdatePolicy.QueueUpdateStrategy => strategy,
            UpdatePolicy.ManagedPlacementGroup => removed ? (UpdateRequirement.StopFleet, stopped + " for a managed placement group deletion") : strategy,
            UpdatePolicy.SharedStorageUpdatePolicy => (c.ListItem && removed) || key == "MountDir"
                ? (UpdateRequirement.StopFleet, stopped)
                : context.DrainStrategy is { } d ? (UpdateRequirement.DrainQueue, $"QueueUpdateStrategy {d}") : (UpdateRequirement.StopFleet, stopped + " or QueueUpdateStrategy must be set"),
            UpdatePolicy.ComputeFleetStopOnRemove => added ? (UpdateRequirement.Live, "") : (UpdateRequirement.StopFleet, stopped),
            UpdatePolicy.ComputeFleetStop => (UpdateRequirement.StopFleet, stopped),
            UpdatePolicy.ManagedFsx => context.ManagedFsx
                ? (UpdateRequirement.NewCluster, $"{key} configuration cannot be updated when a managed FSx for Lustre file system is configured")
                : Subset(c.Old, c.New) ? (UpdateRequirement.Live, "") : strategy,
            // No login node runs before LoginNodes or a pool exists.
            UpdatePolicy.LoginNodesStop => c.Old is null
                ? (UpdateRequirement.Live, "")
                : (UpdateRequirement.StopLoginNodes, "The login nodes in the cluster must be stopped (Count 0 in every pool)"),
            UpdatePolicy.Unknown => (UpdateRequirement.NewCluster, "Update currently not supported"),
            _ => (UpdateRequirement.NewCluster, $"Update actions are not currently supported for the '{key}' parameter"),
        };
        return outcome is var (requirement, reason) ? new ConfigChange(c.Path, Show(c.Old), Show(c.New), policy, requirement, reason) : null;
    }

    /// <summary>The parameter's own name, as pcluster's reasons quote it (the list's name for an added or removed item).</summary>
    private static string Key(RawChange c)
    {
        var path = c.ListItem ? c.Path[..c.Path.LastIndexOf('[')] : c.Path;
        var last = path[(path.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[');
        return bracket < 0 ? last : last[..bracket];
    }

    private static string? QueueUpdateStrategy(YNode? config) =>
        Get(config, "Scheduling", "SlurmSettings", "QueueUpdateStrategy") is YScalar { Value: "DRAIN" or "TERMINATE" } s ? s.Value : null;

    /// <summary>Names of the FSx for Lustre file systems ParallelCluster creates (and would delete) for the cluster.</summary>
    private static IEnumerable<string> ManagedFsxLustre(YNode? config) =>
        Get(config, "SharedStorage") is YSequence storage
            ? storage.Items.OfType<YMapping>()
                .Where(s => s.Get("StorageType") is YScalar { Value: "FsxLustre" } && Get(s, "FsxLustreSettings", "FileSystemId") is null)
                .Select(s => (s.Get("Name") as YScalar)?.Value ?? "")
            : [];

    private static YNode? Get(YNode? node, params string[] keys)
    {
        foreach (var key in keys) node = Value((node as YMapping)?.Get(key));
        return node;
    }

    private static bool Subset(YNode? old, YNode? @new) =>
        old is YSequence o && @new is YSequence n && o.Items.All(i => n.Items.Any(j => Same(i, j)));

    private static int Count(YNode? node, int fallback) =>
        node is YScalar s && int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    /// <summary>A YAML null is no value (as pcluster reads it).</summary>
    private static YNode? Value(YNode? node) => node is YScalar { IsNull: true } ? null : node;

    private static bool Same(YNode? a, YNode? b) => (Value(a), Value(b)) switch
    {
        (null, null) => true,
        (YScalar x, YScalar y) => x.Value == y.Value,
        (YSequence x, YSequence y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => Same(p.First, p.Second)),
        (YMapping x, YMapping y) => x.Entries.Count == y.Entries.Count && x.Entries.All(e => Same(e.Value, y.Get(e.Key.Value))),
        _ => false,
    };

    private static string? Show(YNode? node)
    {
        if (Value(node) is not { } n) return null;
        var text = new System.Text.StringBuilder();
        Render(n, text);
        return text.Length <= ShownValueLength ? text.ToString() : text.ToString(0, ShownValueLength - 3) + "...";
    }

    /// <summary>A compact one-line form, stopped once it is longer than shown (aliases can make a value huge).</summary>
    private static void Render(YNode node, System.Text.StringBuilder text)
    {
        if (text.Length > ShownValueLength) return;
        switch (node)
        {
            case YScalar s: text.Append(s.Value); break;
            case YSequence q:
                text.Append('[');
                for (var i = 0; i < q.Items.Count && text.Length <= ShownValueLength; i++)
                {
                    if (i > 0) text.Append(", ");
                    Render(q.Items[i], text);
                }
                text.Append(']');
                break;
            case YMapping m:
                text.Append('{');
                for (var i = 0; i < m.Entries.Count && text.Length <= ShownValueLength; i++)
                {
                    if (i > 0) text.Append(", ");
                    text.Append(m.Entries[i].Key.Value).Append(": ");
                    Render(m.Entries[i].Value, text);
                }
                text.Append('}');
                break;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
