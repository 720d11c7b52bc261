using Petal.Garden.Values;

namespace Petal.Garden.Descriptions;

/// <summary>
/// A vertex of a cluster's containment graph (cluster, rack, node, socket, core, gpu, memory).
/// <see cref="Multiplicity"/> stands for identical copies, so a queue of 64 nodes × 96 cores is three
/// vertices, not 6,209. <see cref="Links"/> are the edges into named subsystems (io, software, spack).
/// </summary>
public sealed class ResourceVertex
{
    private static readonly Dictionary<string, AttributeValue> NoAttributes = new();
    private static readonly Dictionary<string, SubsystemVertex[]> NoLinks = new();

    public ResourceVertex(string type, string name, long multiplicity = 1,
        IReadOnlyDictionary<string, AttributeValue>? attributes = null)
    {
        Type = type;
        TypeId = ResourceTypes.Id(type);
        Name = name;
        Multiplicity = multiplicity;
        Attributes = attributes ?? NoAttributes;
    }

    public string Type { get; }
    public int TypeId { get; }
    public string Name { get; }
    public long Multiplicity { get; }
    public IReadOnlyDictionary<string, AttributeValue> Attributes { get; }
    public IReadOnlyDictionary<string, SubsystemVertex[]> Links { get; private set; } = NoLinks;
    public ResourceVertex[] Children { get; private set; } = [];

    /// <summary>Types of every vertex strictly below this one (see <see cref="ResourceTypes.Bit"/>).</summary>
    public ulong DescendantTypes { get; private set; }

    public void SetChildren(IEnumerable<ResourceVertex> children) => Children = children.ToArray();

    public void SetLinks(IReadOnlyDictionary<string, SubsystemVertex[]> links) => Links = links;

    /// <summary>Computes <see cref="DescendantTypes"/> bottom-up; call once when the graph is complete.</summary>
    public ulong Seal()
    {
        ulong mask = 0;
        foreach (var c in Children) mask |= ResourceTypes.Bit(c.TypeId) | c.Seal();
        DescendantTypes = mask;
        return mask;
    }

    /// <summary>How many vertices of <paramref name="typeId"/> lie below one copy of this vertex.</summary>
    public long Total(int typeId)
    {
        if ((DescendantTypes & ResourceTypes.Bit(typeId)) == 0) return 0;
        long n = 0;
        foreach (var c in Children)
            n += c.Multiplicity * (c.TypeId == typeId ? 1 : c.Total(typeId));
        return n;
    }
}
