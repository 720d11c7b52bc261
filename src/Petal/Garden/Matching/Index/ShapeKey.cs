using System.Globalization;
using System.Text;
using Petal.Garden.Descriptions;
using Petal.Garden.Values;

namespace Petal.Garden.Matching.Index;

/// <summary>
/// The canonical text of what matching reads from a cluster's partitions: vertex types, multiplicities,
/// attributes, subsystem links and containment, in order. Names of clusters, partitions and vertices are left
/// out (they only appear in reasons, which are worked out from the cluster itself), so clusters that differ only
/// by name share one key and are matched once. Every text is length-prefixed so no two shapes share a key.
/// </summary>
internal static class ShapeKey
{
    public static string Of(IReadOnlyList<Partition> partitions)
    {
        var sb = new StringBuilder();
        sb.Append(partitions.Count).Append('[');
        for (var i = 0; i < partitions.Count; i++) Vertex(sb, partitions[i].Root);
        return sb.Append(']').ToString();
    }

    private static void Vertex(StringBuilder sb, ResourceVertex v)
    {
        sb.Append('(').Append(v.TypeId).Append('*').Append(v.Multiplicity);
        Attributes(sb, v.Attributes);
        if (v.Links.Count > 0)
        {
            sb.Append('L');
            Comparer(sb, v.Links);
            foreach (var (subsystem, linked) in v.Links.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                Text(sb, subsystem);
                sb.Append(linked.Length);
                foreach (var s in linked)
                {
                    Text(sb, s.Type);
                    Attributes(sb, s.Attributes);
                }
            }
        }
        foreach (var c in v.Children) Vertex(sb, c);
        sb.Append(')');
    }

    private static void Attributes(StringBuilder sb, IReadOnlyDictionary<string, AttributeValue> attributes)
    {
        if (attributes.Count == 0) return;
        sb.Append('{');
        Comparer(sb, attributes);
        foreach (var (k, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Text(sb, k);
            Value(sb, value);
        }
        sb.Append('}');
    }

    public static void Value(StringBuilder sb, AttributeValue value)
    {
        Text(sb, value.Text);
        if (value.Number is { } n) sb.Append('#').Append(n.ToString("R", CultureInfo.InvariantCulture));
    }

    public static string Value(AttributeValue value)
    {
        var sb = new StringBuilder();
        Value(sb, value);
        return sb.ToString();
    }

    /// <summary>Lookups by field name depend on the dictionary's comparer, so two shapes differing only there differ.</summary>
    private static void Comparer<T>(StringBuilder sb, IReadOnlyDictionary<string, T> d) =>
        sb.Append(d is Dictionary<string, T> { Comparer: var c } && ReferenceEquals(c, StringComparer.OrdinalIgnoreCase) ? 'i'
            : d is Dictionary<string, T> { Comparer: var o } && ReferenceEquals(o, StringComparer.Ordinal) ? 'o' : 'x');

    private static void Text(StringBuilder sb, string text) => sb.Append(text.Length).Append(':').Append(text);
}
