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

/// <summary>
/// A mapping whose keys are the user's (cost-allocation tags): each key matches <see cref="KeyPattern"/> (a seed rule checks it), each value
/// follows <see cref="Values"/>. <c>extends</c> merges it by key (the derived value wins).
/// </summary>
public sealed record MapSchema(string Description, NamePattern KeyPattern, ScalarSchema Values) : SchemaNode(Description)
{
    /// <summary>At most this many keys (a bound on input size; the reason is in the description).</summary>
    public int? MaxItems { get; init; }
}

/// <summary>Number: a decimal written plainly (1.25, 40), for dollar amounts.</summary>
public enum ScalarKind { String, Integer, Boolean, Number }

public sealed record ScalarSchema(ScalarKind Kind, string Description) : SchemaNode(Description)
{
    public IReadOnlyList<string>? Enum { get; init; }
    public NamePattern? Pattern { get; init; }
    public object? Default { get; init; }
    public long? Minimum { get; init; }
    public long? Maximum { get; init; }
}
