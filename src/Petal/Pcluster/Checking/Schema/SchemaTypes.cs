using System.Text.RegularExpressions;
using Petal.Common;
using YamlDotNet.RepresentationModel;

namespace Petal.Pcluster.Checking.Schema;

/// <summary>
/// A small marshmallow: the shapes ParallelCluster's schema (cli/src/pcluster/schemas/*.py) gives its fields,
/// with marshmallow's messages. Every problem is reported, with the YAML path ParallelCluster prints.
/// </summary>
internal abstract class SchemaType
{
    public abstract void Check(YamlNode node, string path, List<ConfigFinding> findings);

    protected static void Fail(List<ConfigFinding> findings, string path, string message) =>
        findings.Add(new ConfigFinding(ConfigChecker.SchemaRule, Severity.Error, path, message));

    protected static string? Scalar(YamlNode node) =>
        node is YamlScalarNode s && !ConfigYaml.IsNull(s) ? s.Value : null;

    internal static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}

/// <summary>A field of a mapping: its type, whether it must be present.</summary>
internal sealed record SchemaField(SchemaType Type, bool Required = false);

/// <summary>A mapping with known keys (marshmallow RAISE on unknown ones) and optional whole-object checks (@validates_schema).</summary>
internal sealed class MapType(IReadOnlyDictionary<string, SchemaField> fields,
    Func<YamlMappingNode, IEnumerable<string>>? validate = null) : SchemaType
{
    public IReadOnlyDictionary<string, SchemaField> Fields => fields;

    public override void Check(YamlNode node, string path, List<ConfigFinding> findings)
    {
        if (node is not YamlMappingNode map)
        {
            Fail(findings, path, "Invalid input type.");
            return;
        }
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!fields.TryGetValue(key, out var field)) Fail(findings, Join(path, key), "Unknown field.");
            else if (value is YamlScalarNode s && ConfigYaml.IsNull(s)) Fail(findings, Join(path, key), "Field may not be null.");
            else field.Type.Check(value, Join(path, key), findings);
        }
        foreach (var (key, field) in fields)
            if (field.Required && map.Get(key) is null)
                Fail(findings, Join(path, key), "Missing data for required field.");
        if (validate is not null)
            foreach (var problem in validate(map)) Fail(findings, path, problem);
    }
}

internal sealed class ListType(SchemaType item) : SchemaType
{
    public override void Check(YamlNode node, string path, List<ConfigFinding> findings)
    {
        if (node is not YamlSequenceNode seq)
        {
            Fail(findings, path, "Not a valid list.");
            return;
        }
        for (var i = 0; i < seq.Children.Count; i++) item.Check(seq.Children[i], $"{path}[{i}]", findings);
    }
}

/// <summary>A string, optionally one of <c>choices</c> or matching <c>pattern</c> (re.match: anchored at the start only, as ParallelCluster writes its own ^…$).</summary>
internal sealed class StrType(IReadOnlyList<string>? choices = null, string? pattern = null, int? maxLength = null) : SchemaType
{
    private readonly Regex? regex = pattern is null ? null : new Regex(pattern, RegexOptions.CultureInvariant);

    public override void Check(YamlNode node, string path, List<ConfigFinding> findings)
    {
        if (node is not YamlScalarNode || Scalar(node) is not { } value)
        {
            Fail(findings, path, "Not a valid string.");
            return;
        }
        if (choices is not null && !choices.Contains(value))
            Fail(findings, path, "Must be one of: " + string.Join(", ", choices) + ".");
        if (regex is not null && !regex.IsMatch(value)) Fail(findings, path, "String does not match expected pattern.");
        if (maxLength is { } max && value.Length > max) Fail(findings, path, $"Longer than maximum length {max}.");
    }
}

internal sealed class IntType(long? min = null, long? max = null) : SchemaType
{
    public override void Check(YamlNode node, string path, List<ConfigFinding> findings)
    {
        if (Scalar(node) is not { } text || !long.TryParse(text, out var value))
        {
            Fail(findings, path, "Not a valid integer.");
            return;
        }
        if ((min is { } lo && value < lo) || (max is { } hi && value > hi))
            Fail(findings, path, (min, max) switch
            {
                ({ } a, { } b) => $"Must be greater than or equal to {a} and less than or equal to {b}.",
                ({ } a, null) => $"Must be greater than or equal to {a}.",
                _ => $"Must be less than or equal to {max}.",
            });
    }
}

internal sealed class FloatType : SchemaType
{
    public override void Check(YamlNode node, string path, List<ConfigFinding> findings)
    {
        if (Scalar(node) is not { } text || !double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _))
            Fail(findings, path, "Not a valid number.");
    }
}

internal sealed class BoolType : SchemaType
{
    public override void Check(YamlNode node, string path, List<ConfigFinding> findings)
    {
        if (Scalar(node) is not { } text || ConfigYaml.AsBool(text) is null) Fail(findings, path, "Not a valid boolean.");
    }
}

/// <summary>A section petal neither writes nor reads (Tags, DevSettings internals...): any shape is passed on.</summary>
internal sealed class AnyType : SchemaType
{
    public override void Check(YamlNode node, string path, List<ConfigFinding> findings) { }
}
