using Petal.Garden.Values;

namespace Petal.Garden.Descriptions;

/// <summary>
/// Reads rainbow's formats: a JGF node graph (the cluster vertex has id "0"; <c>contains</c> edges
/// build the tree, <c>in</c> back-edges are ignored) plus named subsystem graphs whose <c>contains</c>
/// edges from node-graph ids link resources to subsystem vertices. Everything is checked before
/// anything is built: a malformed graph raises <see cref="GardenInputException"/>.
/// </summary>
public static class JgfReader
{
    public const string Contains = "contains";

    /// <summary>Builds the description; <paramref name="subsystems"/> maps subsystem name → JGF text.</summary>
    public static ClusterDescription Read(string clusterName, string nodesJson,
        IReadOnlyDictionary<string, string>? subsystems = null, string file = "nodes.json")
    {
        var graph = JgfGraph.Parse(nodesJson, file);
        var vertices = BuildTree(graph, file, out var root);
        var links = new Dictionary<string, Dictionary<string, List<SubsystemVertex>>>(StringComparer.Ordinal);
        foreach (var (name, json) in (subsystems ?? new Dictionary<string, string>()).OrderBy(s => s.Key, StringComparer.Ordinal))
            AddSubsystem(name, json, graph, links);
        foreach (var (id, byName) in links)
            vertices[id].SetLinks(byName.ToDictionary(l => l.Key, l => l.Value.ToArray(), StringComparer.OrdinalIgnoreCase));

        var partition = new Partition(clusterName, root, isQueue: false);
        return new ClusterDescription
        {
            Name = clusterName,
            Source = "jgf",
            Scheduler = "flux",
            Partitions = [partition],
            Queues = [Summarize(clusterName, root)],
            Subsystems = (subsystems?.Keys ?? []).Order(StringComparer.Ordinal).ToList(),
            State = new Dictionary<string, double> { ["nodes_free"] = root.Total(ResourceTypes.Id(ResourceTypes.Node)) },
        };
    }

    /// <summary>
    /// <paramref name="read"/> under another name: what a cluster whose files are byte for byte those of
    /// <paramref name="read"/> describes to, without parsing them again (the graph's objects are shared).
    /// </summary>
    public static ClusterDescription Renamed(ClusterDescription read, string clusterName) => read with
    {
        Name = clusterName,
        Partitions = read.Partitions.Select(p => p.Renamed(clusterName)).ToList(),
        Queues = read.Queues.Select(q => q with { Name = clusterName }).ToList(),
    };

    /// <summary>Checks a subsystem graph against a node graph without building anything (for registration).</summary>
    public static void ValidateSubsystem(string nodesJson, string subsystemName, string subsystemJson) =>
        AddSubsystem(subsystemName, subsystemJson, JgfGraph.Parse(nodesJson, "nodes.json"), new());

    private static Dictionary<string, ResourceVertex> BuildTree(JgfGraph graph, string file, out ResourceVertex root)
    {
        if (!graph.Nodes.ContainsKey("0"))
            throw JgfGraph.Error(file, "no node with id \"0\": the cluster vertex must have id \"0\"");
        var vertices = graph.Nodes.ToDictionary(n => n.Key,
            n => new ResourceVertex(n.Value.Type, n.Value.Name, 1, n.Value.Attributes), StringComparer.Ordinal);
        var children = new Dictionary<string, List<ResourceVertex>>(StringComparer.Ordinal);
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (source, target, relation) in graph.Edges)
        {
            if (relation != Contains) continue;
            if (!vertices.ContainsKey(source)) throw JgfGraph.Error(file, $"edge {source} → {target}: no node \"{source}\"");
            if (!vertices.TryGetValue(target, out var child)) throw JgfGraph.Error(file, $"edge {source} → {target}: no node \"{target}\"");
            if (target == "0") throw JgfGraph.Error(file, $"edge {source} → 0: the cluster vertex cannot be contained");
            if (parent.TryGetValue(target, out var other) && other != source)
                throw JgfGraph.Error(file, $"node \"{target}\" is contained by both \"{other}\" and \"{source}\": containment must be a tree");
            if (parent.TryAdd(target, source))
                (children.TryGetValue(source, out var list) ? list : children[source] = []).Add(child);
        }
        // Walk from "0": a cycle would make a vertex its own ancestor, which the single-parent rule
        // plus the root check above already exclude, so every reachable vertex is visited once.
        foreach (var (id, list) in children) vertices[id].SetChildren(list);
        root = vertices["0"];
        return vertices;
    }

    private static void AddSubsystem(string name, string json, JgfGraph dominant,
        Dictionary<string, Dictionary<string, List<SubsystemVertex>>> links)
    {
        var file = $"subsystems/{name}.json";
        if (string.IsNullOrWhiteSpace(name)) throw new GardenInputException("a subsystem needs a name");
        var sub = JgfGraph.Parse(json, file);
        var vertices = sub.Nodes.ToDictionary(n => n.Key,
            n => new SubsystemVertex(name, n.Key, n.Value.Type, n.Value.Attributes), StringComparer.Ordinal);
        foreach (var (source, target, relation) in sub.Edges)
        {
            if (relation != Contains || vertices.ContainsKey(source)) continue; // internal edges stay internal
            if (!dominant.Nodes.ContainsKey(source))
                throw JgfGraph.Error(file, $"edge {source} → {target}: \"{source}\" is neither a {name} node nor a node of the cluster graph");
            if (!vertices.TryGetValue(target, out var vertex))
                throw JgfGraph.Error(file, $"edge {source} → {target}: no {name} node \"{target}\"");
            var byName = links.TryGetValue(source, out var d) ? d : links[source] = new(StringComparer.Ordinal);
            (byName.TryGetValue(name, out var list) ? list : byName[name] = []).Add(vertex);
        }
    }

    private static QueueDescription Summarize(string name, ResourceVertex root)
    {
        var nodes = new List<ResourceVertex>();
        Collect(root, nodes);
        var coreId = ResourceTypes.Id(ResourceTypes.Core);
        var cores = nodes.Count == 0 ? 0 : (int)nodes.Min(n => n.Total(coreId));
        string? Attr(string key) => nodes.Select(n => n.Attributes.GetValueOrDefault(key)?.Text).FirstOrDefault(v => v is not null);
        return new QueueDescription
        {
            Name = name,
            Architecture = Attr("arch") is { } a ? Architecture.Normalize(a) : "unknown",
            Cores = cores,
            SchedulableCpus = cores,
            VCpus = cores,
            ThreadsPerCore = 1,
            MaxNodes = nodes.Count,
            Os = Attr("os"),
        };
    }

    private static void Collect(ResourceVertex v, List<ResourceVertex> nodes)
    {
        foreach (var c in v.Children)
            if (c.Type.Equals(ResourceTypes.Node, StringComparison.OrdinalIgnoreCase)) nodes.Add(c);
            else Collect(c, nodes);
    }
}
