namespace Petal.Garden.Descriptions;

/// <summary>
/// Everything the garden knows about one cluster: the readable summary (queues, software, labels)
/// and the graph matching runs on (<see cref="Partitions"/>). Built by <see cref="ClusterDescriber"/>
/// from a seed, or by <see cref="JgfReader"/> from rainbow's JGF.
/// </summary>
public sealed record ClusterDescription
{
    public required string Name { get; init; }
    /// <summary>"seed" or "jgf".</summary>
    public required string Source { get; init; }
    public string Scheduler { get; init; } = "slurm";
    public string? Region { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<QueueDescription> Queues { get; init; } = [];
    public IReadOnlyList<SoftwarePackage> Software { get; init; } = [];
    /// <summary>The MPI the software stack provides (openmpi, mpich, intel-oneapi-mpi, mvapich2), if any.</summary>
    public string? Mpi { get; init; }
    /// <summary>Names of the subsystem graphs linked to the nodes (io, software, spack...).</summary>
    public IReadOnlyList<string> Subsystems { get; init; } = [];
    /// <summary>Flat selection state (cost_per_node_hour, nodes_free...): derived values, then state.json.</summary>
    public IReadOnlyDictionary<string, double> State { get; init; } = new Dictionary<string, double>();

    /// <summary>Not `required`: System.Text.Json refuses a required property it ignores (describe --output json).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Partition> Partitions { get; init; } = [];
}
