using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Petal.Plans.Rendering;

namespace Petal.Plans.Config;

/// <summary>
/// The one way petal writes a ParallelCluster cluster config: the model's properties, in declaration order, as
/// keys of the same name (<see cref="YamlText"/>: block style, every string double-quoted). Null values are left out.
/// </summary>
public static class ClusterConfigWriter
{
    public static string Write(ClusterConfig config) => YamlText.Write(Map(config));

    private static YamlMap Map(IConfigSection settings)
    {
        var map = new YamlMap();
        foreach (var property in Properties(settings.GetType()))
            map.Add(property.Name, Value(property.GetValue(settings)));
        return map;
    }

    private static object? Value(object? value) => value switch
    {
        null or string or int or bool => value,
        IList list => list.Cast<object>().Select(item => Value(item)!).ToList(),
        IConfigSection section => Map(section),
        _ => throw new ArgumentException($"{value.GetType().Name}: not a cluster config section (IConfigSection) or a value ClusterConfigWriter writes"),
    };

    /// <summary>
    /// Declaration order, which is the order ParallelCluster's documentation shows: GetProperties returns a type's own
    /// properties in metadata order, compiled natively too (where MetadataToken is not available to sort by).
    /// </summary>
    private static IEnumerable<PropertyInfo> Properties([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract");
}
