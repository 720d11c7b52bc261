using System.Text.Json.Nodes;

namespace Petal.Garden.Descriptions;

/// <summary>
/// Writes a cluster description in rainbow's formats (what the service's Register/RegisterSubsystem take): a JGF
/// node graph with vertex "0" the cluster and one vertex per resource copy (a node ×3 becomes three nodes), and one
/// JGF graph per linked subsystem (software: one vertex per Spack spec) whose <c>contains</c> edges start at node ids.
/// Queues become one graph: every node keeps its <c>queue</c> field, so <c>requires: {queue: X}</c> pins a queue.
/// </summary>
public static class JgfWriter
{
    public sealed record Graphs(string Nodes, IReadOnlyDictionary<string, string> Subsystems);

    public static Graphs Write(ClusterDescription cluster)
    {
        var nodes = new JsonObject();
        var edges = new JsonArray();
        var links = new SortedDictionary<string, (JsonObject Nodes, JsonArray Edges)>(StringComparer.Ordinal);
        var next = 0;
        nodes["0"] = Vertex(ResourceTypes.Cluster, cluster.Name, null);
        next++;
        foreach (var partition in cluster.Partitions)
        foreach (var child in partition.Root.Children)
            Add(child, "0");
        return new Graphs(Document(nodes, edges),
            links.ToDictionary(l => l.Key, l => Document(l.Value.Nodes, l.Value.Edges), StringComparer.Ordinal));

        void Add(ResourceVertex v, string parent)
        {
            for (var copy = 0; copy < v.Multiplicity; copy++)
            {
                var id = (next++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var name = v.Multiplicity > 1 ? $"{v.Name}-{copy + 1}" : v.Name;
                nodes[id] = Vertex(v.Type, name, v.Attributes);
                edges.Add(new JsonObject { ["source"] = parent, ["target"] = id, ["relation"] = JgfReader.Contains });
                foreach (var (subsystem, targets) in v.Links)
                {
                    if (!links.TryGetValue(subsystem, out var graph)) links[subsystem] = graph = (new JsonObject(), new JsonArray());
                    foreach (var target in targets)
                    {
                        // Subsystem ids are prefixed so they can never be read as node-graph ids.
                        var targetId = $"{subsystem}-{target.Id}";
                        if (!graph.Nodes.ContainsKey(targetId)) graph.Nodes[targetId] = Vertex(target.Type, target.Id, target.Attributes);
                        graph.Edges.Add(new JsonObject { ["source"] = id, ["target"] = targetId, ["relation"] = JgfReader.Contains });
                    }
                }
                foreach (var child in v.Children) Add(child, id);
            }
        }
    }

    private static JsonObject Vertex(string type, string name, IReadOnlyDictionary<string, Values.AttributeValue>? attributes)
    {
        var metadata = new JsonObject { ["type"] = type, ["name"] = name };
        foreach (var (key, value) in attributes ?? new Dictionary<string, Values.AttributeValue>())
            if (key != "type") metadata[key] = value.Text; // a software vertex's "name" is its package
        return new JsonObject { ["metadata"] = metadata };
    }

    private static string Document(JsonObject nodes, JsonArray edges) =>
        new JsonObject { ["graph"] = new JsonObject { ["nodes"] = nodes, ["edges"] = edges } }.ToJsonString();
}
