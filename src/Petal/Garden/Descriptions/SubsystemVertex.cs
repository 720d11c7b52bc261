using Petal.Garden.Values;

namespace Petal.Garden.Descriptions;

/// <summary>A vertex of a named subsystem graph (an io tier, a software package) that resources link to.</summary>
public sealed record SubsystemVertex(string Subsystem, string Id, string Type, IReadOnlyDictionary<string, AttributeValue> Attributes)
{
    /// <summary>Field lookup where <c>type</c> is the vertex type, as rainbow's <c>field: type</c> reads it.</summary>
    public AttributeValue? Get(string field) =>
        Attributes.TryGetValue(field, out var v) ? v
        : field.Equals("type", StringComparison.OrdinalIgnoreCase) ? new AttributeValue(Type) : null;
}
