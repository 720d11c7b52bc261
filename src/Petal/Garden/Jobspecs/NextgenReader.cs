using Petal.Garden.Descriptions;
using YamlDotNet.RepresentationModel;

namespace Petal.Garden.Jobspecs;

/// <summary>
/// Flux jobspec "nextgen" v1 (compspec/jobspec-go) as rainbow reads it: <c>resources</c> is a map of
/// named resources (a list, Flux's canonical form, is accepted too) with type/count/replicas/with/
/// label/requires; <c>type: slot</c> levels are folded into their children (counts multiply);
/// <c>attributes.parameter</c> feeds constraint selection; <c>attributes.system.duration</c> is the walltime.
/// </summary>
internal static class NextgenReader
{
    public static Jobspec Read(YamlContext ctx, YamlMappingNode root, string name, string text)
    {
        ctx.CheckKeys(root, "the jobspec", "version", "name", "resources", "tasks", "task", "groups", "requires", "attributes");
        var version = ctx.Scalar(YamlContext.Get(root, "version"), "version");
        if (version is not "1") ctx.Error(YamlContext.Get(root, "version")!, $"version must be 1, not '{version}'");

        var resources = new List<ResourceRequest>();
        switch (YamlContext.Get(root, "resources"))
        {
            case null: ctx.Error(root, "a jobspec needs resources"); break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                    resources.AddRange(Resource(ctx, value, ((YamlScalarNode)key).Value!, top: true));
                break;
            case YamlSequenceNode list:
                foreach (var value in list.Children) resources.AddRange(Resource(ctx, value, null, top: true));
                break;
            case var other: ctx.Error(other, "resources must be a map of named resources (or a list)"); break;
        }

        var attributes = ctx.Mapping(YamlContext.Get(root, "attributes"), "attributes");
        var parameters = ctx.Numbers(attributes is null ? null : ctx.Mapping(YamlContext.Get(attributes, "parameter"), "attributes.parameter"), "attributes.parameter");
        TimeSpan? walltime = null;
        if (attributes is not null && ctx.Mapping(YamlContext.Get(attributes, "system"), "attributes.system") is { } system
            && YamlContext.Get(system, "duration") is { } d && ctx.Scalar(d, "attributes.system.duration") is { } dt)
        {
            if (double.TryParse(dt, System.Globalization.CultureInfo.InvariantCulture, out var seconds)) walltime = TimeSpan.FromSeconds(seconds);
            else if (Walltime.TryParse(dt, out var w)) walltime = w;
            else ctx.Error(d, $"attributes.system.duration '{dt}' is not a duration (seconds, or 1h, 01:00:00)");
        }
        var jobName = ctx.Scalar(YamlContext.Get(root, "name"), "name") ?? name;
        var command = Command(ctx, root);
        ctx.ThrowIfErrors();
        return new Jobspec
        {
            Name = jobName,
            Format = "nextgen",
            Resources = resources,
            Command = command,
            Nodes = (int)Math.Max(1, resources.Where(r => r.Type == ResourceTypes.Node).Sum(r => r.Count)),
            Walltime = walltime,
            Parameters = parameters,
            Text = text,
        };
    }

    /// <summary>One resource; a slot returns its children with multiplied counts.</summary>
    private static IEnumerable<ResourceRequest> Resource(YamlContext ctx, YamlNode node, string? key, bool top)
    {
        if (ctx.Mapping(node, "a resource") is not { } map) return [];
        ctx.CheckKeys(map, "a resource", "type", "unit", "count", "replicas", "with", "label", "exclusive", "requires", "attributes", "schedule", "id");
        var type = ctx.Scalar(YamlContext.Get(map, "type"), "type");
        if (type is null) { ctx.Error(node, "a resource needs a type (node, core, gpu, slot...)"); return []; }
        var count = CountOf(ctx, map);
        var replicas = ctx.Integer(YamlContext.Get(map, "replicas"), "replicas", 0) ?? 0;
        var total = (replicas > 0 ? replicas : 1) * count;
        var with = ctx.Sequence(YamlContext.Get(map, "with"), "with").SelectMany(w => Resource(ctx, w, null, top: false)).ToList();
        var requirements = ctx.Sequence(YamlContext.Get(map, "requires"), "requires").Select(r => Requirement(ctx, r)).OfType<Requirement>().ToList();
        var label = ctx.Scalar(YamlContext.Get(map, "label"), "label") ?? key;

        if (type.Equals(ResourceTypes.Slot, StringComparison.OrdinalIgnoreCase))
        {
            if (requirements.Count > 0)
                ctx.Error(node, "requires on a slot has no vertex to test; put it on the resource inside the slot");
            if (with.Count == 0) ctx.Error(node, "a slot needs 'with' resources");
            return with.Select(w => w.WithCount(w.Count * total));
        }
        return [new ResourceRequest(type, total, requirements, with, label, ctx.Locate(node))];
    }

    /// <summary>count: N, or Flux's {min: N, ...} (the minimum is what must fit).</summary>
    private static long CountOf(YamlContext ctx, YamlMappingNode map)
    {
        var node = YamlContext.Get(map, "count");
        if (node is YamlMappingNode m) return ctx.Integer(YamlContext.Get(m, "min"), "count.min", 1) ?? 1;
        return ctx.Integer(node, "count", 1) ?? 1;
    }

    /// <summary>rainbow's <c>{name: subsystem, field, match | min/max}</c>; petal adds <c>not</c>, a list for any-of, and no name = the vertex's own field.</summary>
    private static Requirement? Requirement(YamlContext ctx, YamlNode node)
    {
        if (ctx.Mapping(node, "a requires entry") is not { } map) return null;
        ctx.CheckKeys(map, "a requires entry", "name", "field", "match", "min", "max", "not");
        var subsystem = ctx.Scalar(YamlContext.Get(map, "name"), "name");
        var field = ctx.Scalar(YamlContext.Get(map, "field"), "field");
        if (field is null) { ctx.Error(node, "a requires entry needs a field (e.g. field: type, match: shm)"); return null; }
        var predicates = new List<Predicate>();
        if (YamlContext.Get(map, "match") is { } match && PredicateParser.FromValue(ctx, match, field) is { } p) predicates.Add(p);
        if (YamlContext.Get(map, "not") is { } not && PredicateParser.FromValue(ctx, not, field) is { } n) predicates.Add(new NotPredicate(n));
        var min = ctx.Scalar(YamlContext.Get(map, "min"), "min");
        var max = ctx.Scalar(YamlContext.Get(map, "max"), "max");
        if ((min ?? max) is not null && PredicateParser.Range(ctx, node, field, min, max) is { } r) predicates.Add(r);
        if (predicates.Count == 0) { ctx.Error(node, $"requires {field}: say match, not, min or max"); return null; }
        var location = ctx.Locate(node);
        if (subsystem is not null)
            return new SubsystemRequirement(subsystem, predicates.Select(x => (field, x)).ToList()) { Location = location };
        var parts = predicates.Select(x => (Requirement)new AttributeRequirement(field, x) { Location = location }).ToList();
        return parts.Count == 1 ? parts[0] : new AllOfRequirement(parts) { Location = location };
    }

    private static IReadOnlyList<string> Command(YamlContext ctx, YamlMappingNode root)
    {
        var tasks = YamlContext.Get(root, "tasks") is YamlSequenceNode { Children.Count: > 0 } seq ? seq.Children[0]
            : YamlContext.Get(root, "task");
        if (tasks is not YamlMappingNode task || YamlContext.Get(task, "command") is not { } command) return [];
        return command is YamlSequenceNode list
            ? list.Children.Select(c => ctx.Scalar(c, "command") ?? "").ToList()
            : (ctx.Scalar(command, "command") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
