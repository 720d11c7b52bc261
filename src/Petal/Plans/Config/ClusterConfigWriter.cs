using System.Collections;
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

    private static YamlMap Map(object settings)
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
        _ => Map(value),
    };

    /// <summary>Declaration order (metadata order), which is the order ParallelCluster's documentation shows.</summary>
    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.MetadataToken);
}
