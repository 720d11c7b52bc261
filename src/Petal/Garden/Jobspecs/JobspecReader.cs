using Petal.Garden.Values;
using YamlDotNet.RepresentationModel;

namespace Petal.Garden.Jobspecs;

/// <summary>
/// Reads a jobspec in any accepted form: nextgen (has <c>version</c>) or compact/simple (the rest).
/// Errors carry file:line:column and all of them are reported at once (<see cref="GardenInputException"/>).
/// </summary>
public static class JobspecReader
{
    /// <param name="name">The job's name unless the jobspec names it (e.g. the file name without extension).</param>
    public static Jobspec Parse(string yaml, string? name = null, string file = "<jobspec>")
    {
        var all = ParseAll(yaml, name, file);
        return all.Count == 1 ? all[0]
            : throw new GardenInputException($"{file}: expected one jobspec, found a list of {all.Count}");
    }

    /// <summary>One jobspec, or a YAML list of them (unnamed entries become name-1, name-2...).</summary>
    public static IReadOnlyList<Jobspec> ParseAll(string yaml, string? name = null, string file = "<jobspec>")
    {
        var root = YamlContext.Load(yaml, file) ?? throw new GardenInputException($"{file}: the jobspec is empty");
        var baseName = name ?? "job";
        if (root is YamlSequenceNode list)
        {
            var ctx = new YamlContext(file);
            var result = new List<Jobspec>();
            for (var i = 0; i < list.Children.Count; i++)
            {
                if (ctx.Mapping(list.Children[i], "a jobspec") is not { } map) continue;
                result.Add(One(new YamlContext(file), map, $"{baseName}-{i + 1}", Serialize(map)));
            }
            ctx.ThrowIfErrors();
            return result;
        }
        var c = new YamlContext(file);
        if (c.Mapping(root, "a jobspec") is not { } m) { c.ThrowIfErrors(); return []; }
        return [One(c, m, baseName, yaml)];
    }

    private static Jobspec One(YamlContext ctx, YamlMappingNode map, string name, string text) =>
        YamlContext.Get(map, "version") is not null
            ? NextgenReader.Read(ctx, map, name, text)
            : CompactJobspec.Read(ctx, map, name, text);

    /// <summary>One list entry as a YAML document of its own, so each job keeps (only) its own text.</summary>
    private static string Serialize(YamlNode node)
    {
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
