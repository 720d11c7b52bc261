using Petal.Common;
using Petal.Seeds.Schema;
using Petal.Seeds.Yaml;

namespace Petal.Seeds.Loading;

/// <summary>
/// Walks a (merged) seed tree along <see cref="SeedSchema"/>: unknown keys, missing required keys,
/// wrong types, enum values and integer ranges. Records the location of every well-typed value by
/// seed path. Only schema-known subtrees are walked, and a visit budget bounds alias expansion.
/// </summary>
public sealed class SchemaChecker
{
    public const int MaxVisits = 100_000;

    /// <summary>A map key's own location is recorded at its value's path plus this (<c>tags.team#key</c>).</summary>
    public const string KeySuffix = "#key";

    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);
    private int _visits;

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;
    public IReadOnlyDictionary<string, SourceLocation> Locations => _locations;

    /// <summary>False when the budget ran out (the rest of the tree was not checked).</summary>
    public bool Complete { get; private set; } = true;

    public void Check(YNode node, SchemaNode schema, string path)
    {
        if (!Complete) return;
        if (++_visits > MaxVisits)
        {
            Complete = false;
            Error(SeedRuleIds.TooLarge, $"the seed expands to more than {MaxVisits} values (an alias bomb?)", path, node.Location,
                "use fewer aliases; a seed describes one cluster");
            return;
        }
        switch (schema)
        {
            case ObjectSchema o: CheckObject(node, o, path); break;
            case ListSchema l: CheckList(node, l, path); break;
            case MapSchema m: CheckMap(node, m, path); break;
            case ScalarSchema s: CheckScalar(node, s, path); break;
        }
    }

    private void CheckObject(YNode node, ObjectSchema schema, string path)
    {
        if (node is not YMapping map)
        {
            TypeError(node, "a mapping of keys", path);
            return;
        }
        _locations[path] = node.Location;
        // A misspelled required key is one mistake: its "unknown key, did you mean" says it, not also "is required".
        var meant = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            var childPath = SeedPath.Child(path, key.Value);
            if (schema.Field(key.Value) is { } field)
            {
                if (!(value is YScalar { IsNull: true })) Check(value, field.Schema, childPath);
                else if (field.Required) Missing(childPath, value.Location, field);
                continue;
            }
            var names = schema.Fields.Select(f => f.Name);
            if (DidYouMean.Closest(key.Value, names, 1) is [var closest]) meant.Add(closest);
            Error(SeedRuleIds.UnknownKey, $"unknown key '{key.Value}'", childPath, key.Location,
                DidYouMean.Hint(key.Value, names) ?? $"keys allowed here: {string.Join(", ", names)}");
        }
        foreach (var field in schema.Fields.Where(f => f.Required && map.Get(f.Name) is null && !meant.Contains(f.Name)))
            Missing(SeedPath.Child(path, field.Name), map.Location, field);
    }

    private void CheckList(YNode node, ListSchema schema, string path)
    {
        if (node is not YSequence seq)
        {
            TypeError(node, "a list", path);
            return;
        }
        _locations[path] = node.Location;
        if (seq.Items.Count < schema.MinItems)
            Error(SeedRuleIds.Required, $"needs at least {schema.MinItems} item(s)", path, node.Location, schema.Description);
        if (schema.MaxItems is { } max && seq.Items.Count > max)
            Error(SeedRuleIds.Range, $"has {seq.Items.Count} items, at most {max} are allowed", path, node.Location, schema.Description);
        for (var i = 0; i < seq.Items.Count; i++)
            Check(seq.Items[i], schema.Items, SeedPath.Index(path, i));
    }

    private void CheckMap(YNode node, MapSchema schema, string path)
    {
        if (node is not YMapping map)
        {
            TypeError(node, "a mapping of keys", path);
            return;
        }
        _locations[path] = node.Location;
        if (schema.MaxItems is { } max && map.Entries.Count > max)
            Error(SeedRuleIds.Range, $"has {map.Entries.Count} keys, at most {max} are allowed", path, node.Location, schema.Description);
        // Keys are the user's; their shape is a seed rule's (like every other pattern), which reports at the key.
        foreach (var (key, value) in map.Entries)
        {
            _locations[SeedPath.Child(path, key.Value) + KeySuffix] = key.Location;
            Check(value, schema.Values, SeedPath.Child(path, key.Value));
        }
    }

    private void CheckScalar(YNode node, ScalarSchema schema, string path)
    {
        if (node is not YScalar scalar || scalar.IsNull)
        {
            TypeError(node, Expected(schema), path);
            return;
        }
        if (Problem(scalar, schema) is { } problem)
        {
            Error(problem.Rule, problem.Message, path, node.Location, problem.Hint);
            return;
        }
        // A quoted value's location is its first character, so columns inside it (Spack specs) add up.
        _locations[path] = scalar.Quoted ? node.Location with { Column = node.Location.Column + 1 } : node.Location;
    }

    private static (string Rule, string Message, string? Hint)? Problem(YScalar scalar, ScalarSchema schema)
    {
        if (schema.Kind == ScalarKind.Integer)
        {
            if (ScalarValues.TryInteger(scalar, out var n))
                return n < schema.Minimum || n > schema.Maximum
                    ? (SeedRuleIds.Range, $"{n} is out of range: expected {schema.Minimum}..{schema.Maximum}", schema.Description)
                    : null;
            return scalar.Plain && scalar.Value.TrimStart('-', '+').Length > 0 && scalar.Value.TrimStart('-', '+').All(char.IsAsciiDigit)
                ? (SeedRuleIds.Range, $"{scalar.Describe()} is out of range: expected {schema.Minimum}..{schema.Maximum}", schema.Description)
                : (SeedRuleIds.Type, $"expected an integer, got {scalar.Describe()}", null);
        }
        if (schema.Kind == ScalarKind.Number)
            return !ScalarValues.TryNumber(scalar, out var d) ? (SeedRuleIds.Type, $"expected a number, got {scalar.Describe()}", null)
                : d < schema.Minimum || d > schema.Maximum ? (SeedRuleIds.Range, $"{d} is out of range: expected {schema.Minimum}..{schema.Maximum}", schema.Description)
                : null;
        if (schema.Kind == ScalarKind.Boolean)
            return ScalarValues.TryBoolean(scalar, out _) ? null : (SeedRuleIds.Type, $"expected true or false, got {scalar.Describe()}", null);
        return schema.Enum is { } values && !values.Contains(scalar.Value)
            ? (SeedRuleIds.Enum, $"'{scalar.Value}' is not one of: {string.Join(", ", values)}", DidYouMean.Hint(scalar.Value, values) ?? schema.Description)
            : null;
    }

    private static string Expected(ScalarSchema schema) => schema.Kind switch
    {
        ScalarKind.Integer => "an integer",
        ScalarKind.Boolean => "true or false",
        ScalarKind.Number => "a number",
        _ => "a string",
    };

    private void TypeError(YNode node, string expected, string path) =>
        Error(SeedRuleIds.Type, $"expected {expected}, got {node.Describe()}", path, node.Location, null);

    private void Missing(string path, SourceLocation where, FieldSchema field) =>
        Error(SeedRuleIds.Required, $"'{field.Name}' is required", path, where, $"add '{field.Name}:' ({field.Schema.Description})");

    private void Error(string rule, string message, string path, SourceLocation location, string? hint) =>
        _diagnostics.Add(new Diagnostic(rule, Severity.Error, message, path, location, hint));
}
