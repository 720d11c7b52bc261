namespace Petal.Garden.Jobspecs;

/// <summary>
/// A job as the garden matches it, whatever format it came in (<see cref="Format"/>: nextgen,
/// compact). <see cref="Resources"/> are the top-level requests; all of them must fit in one
/// partition (queue) of a cluster.
/// </summary>
public sealed record Jobspec
{
    public required string Name { get; init; }
    public required string Format { get; init; }
    public required IReadOnlyList<ResourceRequest> Resources { get; init; }
    public IReadOnlyList<string> Command { get; init; } = [];
    /// <summary>Nodes the job occupies (for cost and load): the top-level node counts, at least 1.</summary>
    public int Nodes { get; init; } = 1;
    public TimeSpan? Walltime { get; init; }
    /// <summary>Tasks in total when the format says (compact <c>tasks</c>); null when only cores are counted (nextgen).</summary>
    public long? Tasks { get; init; }
    /// <summary>Cores each task needs (compact <c>cores_per_task</c>).</summary>
    public int CoresPerTask { get; init; } = 1;
    /// <summary>Memory each node must have (compact <c>memory_per_node</c>), in bytes.</summary>
    public double? MemoryPerNodeBytes { get; init; }
    /// <summary>Numeric job parameters for constraint selection (nextgen <c>attributes.parameter</c>).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
    /// <summary>The YAML it was read from (what the service stores and hands to clusters).</summary>
    public string Text { get; init; } = "";

    /// <summary>rainbow's simple submission: <paramref name="tasks"/> cores in total over <paramref name="nodes"/> nodes.</summary>
    public static Jobspec Simple(int nodes, int tasks, IReadOnlyList<string> command, string? name = null) =>
        CompactJobspec.Build(name ?? (command.Count > 0 ? command[0] : "job"), nodes, tasks, 1, null, 0, null, [], command,
            SimpleText(nodes, tasks, command));

    /// <summary>The simple submission as compact YAML (what the service stores and agents run); each argument a quoted scalar.
    /// The job is named after the command's program, as rainbow's simple submit names it.</summary>
    public static string SimpleText(int nodes, int tasks, IReadOnlyList<string> command) =>
        (command.Count > 0 ? $"name: {Quote(Path.GetFileName(command[0]))}\n" : "")
        + $"nodes: {nodes}\ntasks: {tasks}\ncommand: [{string.Join(", ", command.Select(Quote))}]\n";

    /// <summary>A JSON string is a YAML double-quoted scalar: any text, safely.</summary>
    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
