using Petal.Garden.Values;
using Petal.Seeds.Yaml;

namespace Petal.Garden.Jobspecs;

/// <summary>
/// The compact form's <c>requires:</c> on node properties. Values: <c>x</c> equality, <c>!x</c>
/// negation, a list = any of (in preference order).
/// <list type="bullet">
/// <item><c>arch: amd64</c> (x86_64/aarch64 accepted), <c>os: ubuntu@22.04:</c> (name, optional version range)</item>
/// <item><c>software: [go@1.20:, lammps, "!singularity"]</c> (all of; an inner list is any of)</item>
/// <item><c>memory: 16GiB</c>, <c>disk: 10GB</c> (at least; per node / the job's filesystem)</item>
/// <item><c>gpu: 1</c> or <c>{count: 1, model: a100, memory: 40GB}</c></item>
/// <item><c>labels: {site: lab}</c>, and any other node field by name (<c>cpu_manufacturer: intel</c>, <c>efa: true</c>)</item>
/// </list>
/// </summary>
internal static class CompactRequires
{
    public static List<Requirement> Read(YamlContext ctx, YMapping map, ref int gpus)
    {
        var result = new List<Requirement>();
        foreach (var (k, value) in map.Entries)
        {
            var key = k.Value;
            var location = k.Location;
            Requirement? r = key switch
            {
                "arch" => Attribute(ctx, value, "arch", Architecture.Normalize),
                "os" => Alternatives(ctx, value, "os", t => Os(ctx, value, t)),
                "software" => AllOf((value is YScalar ? new[] { value } : ctx.Sequence(value, "software"))
                    .Select(e => Alternatives(ctx, e, "software", t => Software(ctx, e, t))).ToList()),
                "memory" or "disk" => PredicateParser.Size(ctx, value, key) is { } bytes
                    ? new AttributeRequirement(key, new NumberRangePredicate(bytes, null, ((YScalar)value).Value, "")) : null,
                "gpu" => Gpu(ctx, value, ref gpus),
                "labels" => ctx.Mapping(value, "labels") is { } labels
                    ? AllOf(labels.Entries.Select(l => Attribute(ctx, l.Value, "label." + l.Key.Value, null)).ToList()) : null,
                _ => Attribute(ctx, value, key, null),
            };
            if (r is null) continue;
            r = r switch
            {
                AttributeRequirement a => new AttributeRequirement(a.Field, a.Predicate) { Location = location },
                _ => r,
            };
            result.Add(r);
        }
        return result;
    }

    private static Requirement? Attribute(YamlContext ctx, YNode value, string field, Func<string, string>? normalize) =>
        PredicateParser.FromValue(ctx, value, field, normalize) is { } p ? new AttributeRequirement(field, p) : null;

    /// <summary>A scalar, or a list of alternatives (any of, first preferred); "!x" negates.</summary>
    private static Requirement? Alternatives(YamlContext ctx, YNode node, string what, Func<string, Requirement?> one)
    {
        if (node is YSequence seq)
        {
            var alternatives = seq.Items.Select(c => Text(ctx, c, what) is { } t ? One(t) : null).ToList();
            return alternatives.Any(a => a is null) || alternatives.Count == 0 ? null : new AnyOfRequirement(alternatives!);
        }
        return Text(ctx, node, what) is { } text ? One(text) : null;

        Requirement? One(string text) => text.StartsWith('!') && what != "software"
            ? one(text[1..]) is { } inner ? new NotRequirement(inner) : null
            : one(text);
    }

    /// <summary>
    /// A scalar; YAML reads an unquoted open range in flow style (<c>{software: [go@1.20:]}</c>) as the
    /// one-key mapping <c>{go@1.20: null}</c>, which is taken back as the text "go@1.20:".
    /// </summary>
    private static string? Text(YamlContext ctx, YNode node, string what) =>
        node is YMapping { Entries.Count: 1 } m && m.Entries[0] is (YScalar { Value: var key }, YScalar { IsNull: true })
            ? key + ":"
            : ctx.Scalar(node, what);

    private static Requirement? AllOf(List<Requirement?> parts) =>
        parts.Any(p => p is null) ? null : parts.Count == 1 ? parts[0] : new AllOfRequirement(parts!);

    /// <summary>"ubuntu", "ubuntu@22.04", "rocky@9:" → os name (and os_version range).</summary>
    private static Requirement? Os(YamlContext ctx, YNode at, string text)
    {
        var (name, range) = SplitAt(ctx, at, text);
        if (range is false) return null;
        var nameReq = new AttributeRequirement("os", new EqualsPredicate(name));
        return range is VersionPredicate v
            ? new AllOfRequirement([nameReq, new AttributeRequirement("os_version", v)])
            : nameReq;
    }

    /// <summary>"go@1.20:", "lammps", "!singularity".</summary>
    private static Requirement? Software(YamlContext ctx, YNode at, string text)
    {
        var absent = text.StartsWith('!');
        var (name, range) = SplitAt(ctx, at, absent ? text[1..] : text);
        if (range is false) return null;
        return new SoftwareRequirement(name, range as VersionPredicate, absent);
    }

    /// <summary>name[@range]; returns false as the range when the range is bad (error recorded).</summary>
    private static (string Name, object? Range) SplitAt(YamlContext ctx, YNode at, string text)
    {
        var i = text.IndexOf('@');
        if (i < 0) return (text.Trim(), null);
        var name = text[..i].Trim();
        if (VersionPredicate.TryParse(text[(i + 1)..], out var range, out var error)) return (name, range);
        ctx.Error(at, $"'{text}': {error} (write e.g. {name}@1.20: or {name}@1.15:1.18)");
        return (name, false);
    }

    private static Requirement? Gpu(YamlContext ctx, YNode value, ref int gpus)
    {
        if (value is YScalar)
        {
            gpus = Math.Max(gpus, (int)(ctx.Integer(value, "gpu", 0) ?? 0));
            return null;
        }
        if (ctx.Mapping(value, "gpu") is not { } map) return null;
        ctx.CheckKeys(map, "gpu", "count", "model", "memory");
        gpus = Math.Max(gpus, (int)(ctx.Integer(map.Get("count"), "gpu.count", 1) ?? 1));
        var parts = new List<Requirement?>();
        if (map.Get("model") is { } model) parts.Add(Attribute(ctx, model, "gpu_model", null));
        if (map.Get("memory") is { } mem && PredicateParser.Size(ctx, mem, "gpu.memory") is { } bytes)
            parts.Add(new AttributeRequirement("gpu_memory", new NumberRangePredicate(bytes, null, ((YScalar)mem).Value, "")));
        return parts.Count == 0 ? null : AllOf(parts);
    }
}
