using Petal.Garden.Values;
using Petal.Seeds.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Petal.Garden.Jobspecs;

/// <summary>
/// Reads a jobspec in any accepted form: nextgen (has <c>version</c>) or compact/simple (the rest), through
/// petal's bounded YAML reader (<see cref="YamlTreeReader"/>: depth, aliases, size and tags limited), so a hostile
/// jobspec from the network is refused like any other mistake.
/// Errors carry file:line:column and all of them are reported at once (<see cref="GardenInputException"/>).
/// </summary>
public static class JobspecReader
{
    /// <summary>The largest jobspec text read (a real one is a few hundred bytes; the service refuses larger ones).</summary>
    public const int MaxChars = 1 << 20;

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
        if (yaml.Length > MaxChars)
            throw new GardenInputException($"{file}: the jobspec is larger than {MaxChars / 1024} KiB");
        var root = YamlContext.Load(yaml, file) ?? throw new GardenInputException($"{file}: the jobspec is empty");
        var baseName = name ?? "job";
        if (root is YSequence list)
        {
            var ctx = new YamlContext(file);
            var result = new List<Jobspec>();
            for (var i = 0; i < list.Items.Count; i++)
            {
                if (ctx.Mapping(list.Items[i], "a jobspec") is not { } map) continue;
                result.Add(One(new YamlContext(file), map, $"{baseName}-{i + 1}", Serialize(map)));
            }
            ctx.ThrowIfErrors();
            return result;
        }
        var c = new YamlContext(file);
        if (c.Mapping(root, "a jobspec") is not { } m) { c.ThrowIfErrors(); return []; }
        return [One(c, m, baseName, yaml)];
    }

    private static Jobspec One(YamlContext ctx, YMapping map, string name, string text) =>
        YamlContext.Get(map, "version") is not null
            ? NextgenReader.Read(ctx, map, name, text)
            : CompactJobspec.Read(ctx, map, name, text);

    /// <summary>One list entry as a YAML document of its own, so each job keeps (only) its own text.</summary>
    private static string Serialize(YNode node)
    {
        var writer = new StringWriter();
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    /// <summary>Recursive, but over a tree the reader bounded in depth and (aliases expanded) in size.</summary>
    private static void Emit(IEmitter emitter, YNode node)
    {
        switch (node)
        {
            case YScalar s:
                // Quoted and !!str text stays text ("5" is not the number 5).
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, s.Value, s.Plain ? ScalarStyle.Any : ScalarStyle.DoubleQuoted, s.Plain, !s.Plain));
                break;
            case YSequence seq:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Any));
                foreach (var item in seq.Items) Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case YMapping map:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Any));
                foreach (var (key, value) in map.Entries)
                {
                    Emit(emitter, key);
                    Emit(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
        }
    }
}
