using Petal.Common;

namespace Petal.Seeds.Schema;

/// <summary>
/// The seed format as data: one tree drives unknown-key detection, did-you-mean, type and enum
/// checks, <c>extends</c> merging and the JSON Schema that <c>petal schema</c> prints, so they cannot drift.
/// </summary>
public abstract record SchemaNode(string Description);

public sealed record ObjectSchema(string Description, IReadOnlyList<FieldSchema> Fields) : SchemaNode(Description)
{
    public FieldSchema? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}

public sealed record FieldSchema(string Name, SchemaNode Schema, bool Required = false);

/// <summary>How <c>extends</c> combines a base list with the derived seed's list.</summary>
public enum ListMerge
{
    /// <summary>The derived list replaces the base list.</summary>
    Replace,
    /// <summary>Items with the same <see cref="ListSchema.MergeKey"/> merge deeply; new items are appended.</summary>
    ByKey,
    /// <summary>Spack specs: union by package name, the derived spec wins.</summary>
    BySpecName,
}

public sealed record ListSchema(string Description, SchemaNode Items) : SchemaNode(Description)
{
    public ListMerge Merge { get; init; } = ListMerge.Replace;
    public string? MergeKey { get; init; }
    public int MinItems { get; init; }
    /// <summary>At most this many items (a bound on input size; the reason is in the list's description).</summary>
    public int? MaxItems { get; init; }
}

public enum ScalarKind { String, Integer, Boolean }

public sealed record ScalarSchema(ScalarKind Kind, string Description) : SchemaNode(Description)
{
    public IReadOnlyList<string>? Enum { get; init; }
    public NamePattern? Pattern { get; init; }
    public object? Default { get; init; }
    public long? Minimum { get; init; }
    public long? Maximum { get; init; }
}
