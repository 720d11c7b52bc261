using Petal.Garden.Descriptions;
using Petal.Seeds.Yaml;

namespace Petal.Garden.Jobspecs;

/// <summary>
/// petal's compact form (and rainbow's simple nodes/tasks/command, a subset of it):
/// <c>nodes</c>, <c>tasks</c> (in total), <c>cores_per_task</c>, <c>memory_per_node</c>, <c>gpus</c> (per node),
/// <c>walltime</c>, <c>command</c>, <c>parameters</c>, and <c>requires</c> on node properties
/// (see <see cref="CompactRequires"/>). Becomes one node request with cores (and GPUs) per node.
/// </summary>
internal static class CompactJobspec
{
    public static Jobspec Read(YamlContext ctx, YMapping root, string name, string text)
    {
        ctx.CheckKeys(root, "the jobspec", "name", "nodes", "tasks", "cores_per_task", "memory_per_node", "gpus",
            "walltime", "command", "requires", "parameters");
        var nodes = (int)(ctx.Integer(root.Get("nodes"), "nodes", 1) ?? 1);
        var tasks = (int)(ctx.Integer(root.Get("tasks"), "tasks", 1) ?? nodes);
        var coresPerTask = (int)(ctx.Integer(root.Get("cores_per_task"), "cores_per_task", 1) ?? 1);
        ctx.Product(root, "tasks × cores_per_task", tasks, coresPerTask);
        (double, string)? memory = root.Get("memory_per_node") is YScalar m && PredicateParser.Size(ctx, m, "memory_per_node") is { } bytes
            ? (bytes, m.Value) : null;
        if (root.Get("memory_per_node") is { } notScalar and not YScalar) ctx.Error(notScalar, "memory_per_node must be a size (16GiB)");
        var gpus = (int)(ctx.Integer(root.Get("gpus"), "gpus", 0) ?? 0);
        var walltime = ctx.Duration(root.Get("walltime"), "walltime", seconds: false);
        var requires = ctx.Mapping(root.Get("requires"), "requires") is { } r
            ? CompactRequires.Read(ctx, r, ref gpus) : [];
        var command = ctx.Command(root.Get("command"));
        var parameters = ctx.Numbers(ctx.Mapping(root.Get("parameters"), "parameters"), "parameters");
        var jobName = ctx.Scalar(root.Get("name"), "name") ?? name;
        ctx.ThrowIfErrors();
        return Build(jobName, nodes, tasks, coresPerTask, memory, gpus, walltime, requires, command, text) with { Parameters = parameters };
    }

    /// <summary>Cores per node = ⌈tasks × cores_per_task / nodes⌉, as Slurm spreads tasks over nodes.</summary>
    public static Jobspec Build(string name, int nodes, int tasks, int coresPerTask, (double Bytes, string Text)? memoryPerNode, int gpus,
        TimeSpan? walltime, IReadOnlyList<Requirement> requires, IReadOnlyList<string> command, string text)
    {
        var perNode = (tasks * (long)coresPerTask + nodes - 1) / nodes;
        var with = new List<ResourceRequest> { new(ResourceTypes.Core, perNode) };
        if (gpus > 0) with.Add(new ResourceRequest(ResourceTypes.Gpu, gpus));
        var requirements = requires.ToList();
        if (memoryPerNode is { } mem)
            requirements.Add(new AttributeRequirement("memory", new NumberRangePredicate(mem.Bytes, null, mem.Text, "")));
        return new Jobspec
        {
            Name = name,
            Format = "compact",
            Resources = [new ResourceRequest(ResourceTypes.Node, nodes, requirements, with, name)],
            Command = command,
            Nodes = nodes,
            Walltime = walltime,
            Tasks = tasks,
            CoresPerTask = coresPerTask,
            MemoryPerNodeBytes = memoryPerNode?.Bytes,
            Text = text,
        };
    }
}
