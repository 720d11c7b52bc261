using Petal.Common;

namespace Petal.Seeds.Yaml;

/// <summary>
/// A YAML node that remembers where it was written. Aliases resolve to the anchored node itself
/// (shared, never copied), so an alias bomb costs no memory until something walks it.
/// </summary>
public abstract class YNode(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    /// <summary>What the node is, in the words of a type error ("a list", "'ten'").</summary>
    public abstract string Describe();
}

public sealed class YScalar(SourceLocation location, string value, bool plain, bool quoted = false) : YNode(location)
{
    /// <summary>Single- or double-quoted: the value starts one column after <see cref="YNode.Location"/>.</summary>
    public bool Quoted { get; } = quoted;

    public string Value { get; } = value;

    /// <summary>Unquoted: only plain scalars resolve to null, integers and booleans (YAML 1.2 core schema).</summary>
    public bool Plain { get; } = plain;

    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "null" : $"'{Shorten(Value)}'";

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";
}

public sealed class YSequence(SourceLocation location, IReadOnlyList<YNode> items) : YNode(location)
{
    public IReadOnlyList<YNode> Items { get; } = items;

    public override string Describe() => "a list";
}

public sealed class YMapping(SourceLocation location, IReadOnlyList<KeyValuePair<YScalar, YNode>> entries) : YNode(location)
{
    public IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries { get; } = entries;

    public YNode? Get(string key)
    {
        foreach (var (k, v) in Entries)
            if (k.Value == key) return v;
        return null;
    }

    public override string Describe() => "a mapping";
}
