using System.Globalization;
using Petal.Common;
using Petal.Garden.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Petal.Garden.Jobspecs;

/// <summary>Reads a YAML tree collecting every error with its line:column, then throws them all at once.</summary>
internal sealed class YamlContext(string file)
{
    private readonly List<string> _errors = [];

    public string File => file;

    public SourceLocation Locate(YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string message) => _errors.Add($"{Locate(node)}: {message}");

    public void ThrowIfErrors()
    {
        if (_errors.Count > 0) throw new GardenInputException(string.Join(Environment.NewLine, _errors));
    }

    public static YamlNode? Load(string yaml, string file)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e)
        {
            throw new GardenInputException($"{file}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    public static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    public string? Scalar(YamlNode? node, string what)
    {
        if (node is null) return null;
        if (node is YamlScalarNode s) return s.Value;
        Error(node, $"{what} must be a single value");
        return null;
    }

    public long? Integer(YamlNode? node, string what, long min)
    {
        var text = Scalar(node, what);
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min) return n;
        Error(node!, $"{what} must be a whole number ≥ {min}, not '{text}'");
        return null;
    }

    public YamlMappingNode? Mapping(YamlNode? node, string what)
    {
        if (node is null or YamlMappingNode) return (YamlMappingNode?)node;
        Error(node, $"{what} must be a mapping (key: value)");
        return null;
    }

    public IEnumerable<YamlNode> Sequence(YamlNode? node, string what)
    {
        if (node is null) return [];
        if (node is YamlSequenceNode seq) return seq.Children;
        Error(node, $"{what} must be a list");
        return [];
    }

    /// <summary>Flags keys not in <paramref name="known"/>, naming the known ones.</summary>
    public void CheckKeys(YamlMappingNode map, string what, params string[] known)
    {
        foreach (var key in map.Children.Keys)
            if (key is YamlScalarNode { Value: { } k } && !known.Contains(k))
                Error(key, $"unknown key '{k}' in {what} (known: {string.Join(", ", known)})");
    }

    /// <summary>Numbers below a mapping (<c>attributes.parameter</c>); anything else is an error.</summary>
    public Dictionary<string, double> Numbers(YamlMappingNode? map, string what)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (map is null) return result;
        foreach (var (k, v) in map.Children)
        {
            var key = ((YamlScalarNode)k).Value!;
            var text = Scalar(v, $"{what}.{key}");
            if (text is null) continue;
            if (Quantity.TryParseNumber(text, out var n)) result[key] = n;
            else Error(v, $"{what}.{key} must be a number, not '{text}'");
        }
        return result;
    }
}
