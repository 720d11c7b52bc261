using Petal.Garden.Descriptions;
using Petal.Seeds.Yaml;

namespace Petal.Garden.Jobspecs;

/// <summary>
/// Flux jobspec "nextgen" v1 (compspec/jobspec-go) as rainbow reads it: <c>resources</c> is a map of
/// named resources (a list, Flux's canonical form, is accepted too) with type/count/replicas/with/
/// label/requires; <c>type: slot</c> levels are folded into their children (counts multiply);
/// <c>attributes.parameter</c> feeds constraint selection; <c>attributes.system.duration</c> is the walltime.
/// </summary>
internal static class NextgenReader
{
    public static Jobspec Read(YamlContext ctx, YMapping root, string name, string text)
    {
        ctx.CheckKeys(root, "the jobspec", "version", "name", "resources", "tasks", "task", "groups", "requires", "attributes");
        var version = ctx.Scalar(YamlContext.Get(root, "version"), "version");
        if (version is not "1") ctx.Error(YamlContext.Get(root, "version")!, $"version must be 1, not '{version}'");

        var resources = new List<ResourceRequest>();
        switch (YamlContext.Get(root, "resources"))
        {
            case null: ctx.Error(root, "a jobspec needs resources"); break;
            case YMapping map:
                foreach (var (key, value) in map.Entries)
                    resources.AddRange(Resource(ctx, value, key.Value));
                break;
            case YSequence list:
                foreach (var value in list.Items) resources.AddRange(Resource(ctx, value, null));
                break;
            case var other: ctx.Error(other, "resources must be a map of named resources (or a list)"); break;
        }

        var attributes = ctx.Mapping(YamlContext.Get(root, "attributes"), "attributes");
        var parameters = ctx.Numbers(attributes is null ? null : ctx.Mapping(YamlContext.Get(attributes, "parameter"), "attributes.parameter"), "attributes.parameter");
        var walltime = attributes is not null && ctx.Mapping(YamlContext.Get(attributes, "system"), "attributes.system") is { } system
            ? ctx.Duration(YamlContext.Get(system, "duration"), "attributes.system.duration", seconds: true)
            : null;
        var jobName = ctx.Scalar(YamlContext.Get(root, "name"), "name") ?? name;
        var command = Command(ctx, root);
        var nodes = resources.Where(r => r.Type == ResourceTypes.Node).Sum(r => r.Count);
        if (nodes > YamlContext.MaxCount)
            ctx.Error(root, $"the jobspec asks for {nodes:N0} nodes in all; at most {YamlContext.MaxCount:N0}");
        ctx.ThrowIfErrors();
        return new Jobspec
        {
            Name = jobName,
            Format = "nextgen",
            Resources = resources,
            Command = command,
            Nodes = (int)Math.Max(1, nodes),
            Walltime = walltime,
            Parameters = parameters,
            Text = text,
        };
    }

    /// <summary>One resource; a slot returns its children with multiplied counts.</summary>
    private static IEnumerable<ResourceRequest> Resource(YamlContext ctx, YNode node, string? key)
    {
        if (ctx.Mapping(node, "a resource") is not { } map || !ctx.AnotherResource(node)) return [];
        ctx.CheckKeys(map, "a resource", "type", "unit", "count", "replicas", "with", "label", "exclusive", "requires", "attributes", "schedule", "id");
        var type = ctx.Scalar(YamlContext.Get(map, "type"), "type");
        if (type is null) { ctx.Error(node, "a resource needs a type (node, core, gpu, slot...)"); return []; }
        var count = CountOf(ctx, map);
        var replicas = ctx.Integer(YamlContext.Get(map, "replicas"), "replicas", 0) ?? 0;
        if (ctx.Product(node, "count × replicas", count, replicas > 0 ? replicas : 1) is not { } total) return [];
        var with = ctx.Sequence(YamlContext.Get(map, "with"), "with").SelectMany(w => Resource(ctx, w, null)).ToList();
        var requirements = ctx.Sequence(YamlContext.Get(map, "requires"), "requires").Select(r => Requirement(ctx, r)).OfType<Requirement>().ToList();
        var label = ctx.Scalar(YamlContext.Get(map, "label"), "label") ?? key;

        if (type.Equals(ResourceTypes.Slot, StringComparison.OrdinalIgnoreCase))
        {
            if (requirements.Count > 0)
                ctx.Error(node, "requires on a slot has no vertex to test; put it on the resource inside the slot");
            if (with.Count == 0) ctx.Error(node, "a slot needs 'with' resources");
            return with.Select(w => ctx.Product(node, "a slot's count × its resource's count", total, w.Count) is { } n ? w.WithCount(n) : null)
                .OfType<ResourceRequest>().ToList();
        }
        return [new ResourceRequest(type, total, requirements, with, label, node.Location)];
    }

    /// <summary>count: N, or Flux's {min: N, ...} (the minimum is what must fit).</summary>
    private static long CountOf(YamlContext ctx, YMapping map)
    {
        var node = YamlContext.Get(map, "count");
        if (node is YMapping m) return ctx.Integer(YamlContext.Get(m, "min"), "count.min", 1) ?? 1;
        return ctx.Integer(node, "count", 1) ?? 1;
    }

    /// <summary>rainbow's <c>{name: subsystem, field, match | min/max}</c>; petal adds <c>not</c>, a list for any-of, and no name = the vertex's own field.</summary>
    private static Requirement? Requirement(YamlContext ctx, YNode node)
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
        var location = node.Location;
        if (subsystem is not null)
            return new SubsystemRequirement(subsystem, predicates.Select(x => (field, x)).ToList()) { Location = location };
        var parts = predicates.Select(x => (Requirement)new AttributeRequirement(field, x) { Location = location }).ToList();
        return parts.Count == 1 ? parts[0] : new AllOfRequirement(parts) { Location = location };
    }

    private static IReadOnlyList<string> Command(YamlContext ctx, YMapping root)
    {
        var tasks = YamlContext.Get(root, "tasks") is YSequence { Items.Count: > 0 } seq ? seq.Items[0]
            : YamlContext.Get(root, "task");
        return tasks is YMapping task ? ctx.Command(YamlContext.Get(task, "command")) : [];
    }
}
