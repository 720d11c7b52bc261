using System.Text.Json;
using Petal.Common;
using Petal.Garden.Values;

namespace Petal.Garden.Descriptions;

/// <summary>A parsed JSON Graph Format v2 document: vertices by id (metadata flattened) and edges.</summary>
internal sealed class JgfGraph
{
    public required Dictionary<string, (string Type, string Name, Dictionary<string, AttributeValue> Attributes)> Nodes { get; init; }
    public required List<(string Source, string Target, string Relation)> Edges { get; init; }

    public static JgfGraph Parse(string json, string file)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e)
        {
            throw new GardenInputException($"not valid JSON: {e.Message}",
                new SourceLocation(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1));
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("graph", out var graph)
                || graph.ValueKind != JsonValueKind.Object)
                throw Error(file, "expected a JGF document: {\"graph\": {\"nodes\": {...}, \"edges\": [...]}}");
            if (!graph.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Object)
                throw Error(file, "graph.nodes must be an object of id → node (JGF v2)");
            var result = new JgfGraph { Nodes = new(StringComparer.Ordinal), Edges = [] };
            foreach (var node in nodes.EnumerateObject())
                result.Nodes[node.Name] = ReadNode(node.Name, node.Value, file);
            if (graph.TryGetProperty("edges", out var edges))
            {
                if (edges.ValueKind != JsonValueKind.Array) throw Error(file, "graph.edges must be a list");
                var i = 0;
                foreach (var edge in edges.EnumerateArray())
                    result.Edges.Add(ReadEdge(edge, i++, file));
            }
            return result;
        }
    }

    private static (string, string, Dictionary<string, AttributeValue>) ReadNode(string id, JsonElement node, string file)
    {
        if (node.ValueKind != JsonValueKind.Object) throw Error(file, $"node \"{id}\" must be an object");
        var attributes = new Dictionary<string, AttributeValue>(StringComparer.OrdinalIgnoreCase);
        if (node.TryGetProperty("metadata", out var meta))
        {
            if (meta.ValueKind != JsonValueKind.Object) throw Error(file, $"node \"{id}\": metadata must be an object");
            foreach (var p in meta.EnumerateObject())
            {
                var value = p.Value.ValueKind switch
                {
                    JsonValueKind.String => new AttributeValue(p.Value.GetString()!),
                    JsonValueKind.Number => AttributeValue.Of(p.Value.GetDouble()),
                    JsonValueKind.True => AttributeValue.Of(true),
                    JsonValueKind.False => AttributeValue.Of(false),
                    _ => null, // objects (paths) and lists are not matchable fields
                };
                if (value is not null) attributes[p.Name] = value;
            }
        }
        var type = attributes.TryGetValue("type", out var t) && t.Text.Length > 0 ? t.Text : "resource";
        var name = attributes.TryGetValue("name", out var n) ? n.Text : id;
        return (type, name, attributes);
    }

    private static (string, string, string) ReadEdge(JsonElement edge, int index, string file)
    {
        string? Field(string key) =>
            edge.ValueKind == JsonValueKind.Object && edge.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString() : null;
        var source = Field("source");
        var target = Field("target");
        if (source is null || target is null)
            throw Error(file, $"edge {index} needs string \"source\" and \"target\"");
        return (source, target, Field("relation") ?? "contains");
    }

    public static GardenInputException Error(string file, string message) =>
        new($"{file}: {message}");
}
