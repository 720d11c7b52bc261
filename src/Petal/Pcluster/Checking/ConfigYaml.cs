using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Petal.Pcluster.Checking;

/// <summary>Reading a parsed ParallelCluster config: typed look-ups on YamlDotNet nodes (the schema has already checked the types).</summary>
internal static class ConfigYaml
{
    /// <summary>The document's root, or the reason it is not a mapping (ParallelCluster's yaml_load answers).</summary>
    public static YamlMappingNode? Load(string text, out string? problem)
    {
        problem = null;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            // YamlDotNet reports a repeated key like PyYAML's loader does: "Duplicate key".
            problem = (e.InnerException?.Message ?? e.Message).Contains("Duplicate key", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase)
                ? $"Duplicate key found at line {e.Start.Line}, column {e.Start.Column}"
                : $"{e.Message} (line {e.Start.Line}, column {e.Start.Column})";
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problem = "Parsed config is not a dict";
            return null;
        }
        return root;
    }

    public static YamlNode? Get(this YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode? Map(this YamlMappingNode? map, string key) => map.Get(key) as YamlMappingNode;

    public static IReadOnlyList<YamlNode> List(this YamlMappingNode? map, string key) =>
        map.Get(key) is YamlSequenceNode seq ? seq.Children.ToList() : [];

    public static string? Str(this YamlMappingNode? map, string key) =>
        map.Get(key) is YamlScalarNode { Value: { } v } s && !IsNull(s) ? v : null;

    public static int? Int(this YamlMappingNode? map, string key) =>
        map.Str(key) is { } v && long.TryParse(v, out var n) ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : null;

    public static bool? Bool(this YamlMappingNode? map, string key) => map.Str(key) is { } v ? AsBool(v) : null;

    /// <summary>YAML 1.1 booleans as PyYAML reads them (marshmallow then accepts the bool).</summary>
    public static bool? AsBool(string v) => v.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    };

    public static bool IsNull(YamlScalarNode s) =>
        s.Style == ScalarStyle.Plain && s.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
